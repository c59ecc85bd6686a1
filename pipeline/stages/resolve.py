"""Entity resolution: every non-DATE mention gets a ``canonical`` and an ``entity_id``.

Order of evidence, most certain first:

1. a KB-tagged mention keeps its KB entity (``entity_id = kb_id``);
2. a mention coref linked to another (ألتمان -> سام ألتمان, Ai2 -> معهد ألين) shares its entity;
3. a name that matches a KB alias of its type: exactly, then spelling-tolerantly across
   Arabic and Latin script (``pipeline.stages.name_match``, threshold tuned on labelled pairs), then a
   lone surname that is the surname of exactly one KB person, then an exact alias of the
   sibling type (ORG <-> MODEL: DeepSeek the company and the model family);
4. otherwise a new entity whose id is a hash of the name's coarse phonetic key, so every
   worker, run and article gives variant spellings (زوكربيرغ / زوكربيرج) the same id without
   shared state. Its canonical is the fullest name the article uses for it.

DATE mentions get no entity.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import regex
from camel_tools.utils.dediac import dediac_ar

from ..doc import Document, Mention
from .kb import KnowledgeBase
from .name_match import (
    DEFAULT_THRESHOLD,
    NameForm,
    Phonetics,
    coarse_key,
    coarse_token,
    default_phonetics,
    form_similarity,
    name_form,
    name_tokens,
    new_entity_id,
    strip_titles,
    token_symbols,
)

SIBLING_TYPES = {"ORG": "MODEL", "MODEL": "ORG"}
BLOCK_SHARE = 0.4  # share of a name's skeleton bigrams a KB alias must have to be compared
ARABIC_LETTER = regex.compile(r"\p{Arabic}")
LATIN_START = regex.compile(r"\p{Latin}")
TATWEEL = "\u0640"


@dataclass(frozen=True)
class KBMatch:
    entry_id: str
    score: float
    how: str  # exact | fuzzy | surname | sibling


@dataclass
class AliasIndex:
    """KB aliases prepared for lookup: exact keys, phonetic forms with a bigram block index,
    and PERSON surnames."""

    kb: KnowledgeBase
    exact: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, NameForm]]] = field(default_factory=dict)
    blocks: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    needs: dict[str, list[int]] = field(default_factory=dict)  # bigrams a query must share with each alias
    surnames: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    latin_named: set[str] = field(default_factory=set)  # entities with a Latin-script alias
    memo: dict[tuple[str, str, float], "KBMatch | None"] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: KnowledgeBase, ph: Phonetics | None = None) -> "AliasIndex":
        ph = ph or default_phonetics()
        idx = cls(kb)
        for entry in sorted(kb, key=lambda e: e.id):
            for alias in entry.aliases:
                form = name_form(alias, entry.type, ph)
                if form.has_latin and not form.has_arabic:
                    idx.latin_named.add(entry.id)
                if form.exact:
                    ids = idx.exact.setdefault((entry.type, form.exact), [])
                    if entry.id not in ids:
                        ids.append(entry.id)
                forms = idx.forms.setdefault(entry.type, [])
                pos = len(forms)
                forms.append((entry.id, form))
                keys = variant_block_keys(form, ph)
                idx.needs.setdefault(entry.type, []).append(max(1, int(min(map(len, keys)) * BLOCK_SHARE + 0.999)))
                for key in set().union(*keys):
                    idx.blocks.setdefault((entry.type, key), []).append(pos)
                if entry.type == "PERSON":
                    tokens = strip_titles(name_tokens(alias), ph)
                    if len(tokens) >= 2:
                        idx.surnames.setdefault(coarse_token(token_symbols(tokens[-1], ph), ph), []).append((entry.id, tokens[-1]))
        return idx

    def candidates(self, form: NameForm, ph: Phonetics) -> list[tuple[str, NameForm]]:
        """Aliases sharing a skeleton bigram with ``form``. A Latin-script name is compared
        with the Latin aliases of an entity that has some: its official spelling decides, not
        the looser Arabic-to-Latin comparison (Andrew Yang is not أندرو نغ)."""
        forms = self.forms.get(form.etype, [])
        needs = self.needs.get(form.etype, [])
        chosen: set[int] = set()
        for keys in variant_block_keys(form, ph):
            hits: Counter[int] = Counter()
            for key in keys:
                hits.update(self.blocks.get((form.etype, key), ()))
            # Variant spellings share most skeleton bigrams, counted on either side: one shared
            # bigram is chance, and a long alias shares a few with almost every short name.
            need = max(1, int(len(keys) * BLOCK_SHARE + 0.999))
            chosen.update(i for i, n in hits.items() if n >= need and n >= needs[i])
        latin_query = form.has_latin and not form.has_arabic
        out = []
        for i in sorted(chosen):
            entry_id, alias = forms[i]
            if latin_query and alias.has_arabic and entry_id in self.latin_named:
                continue
            out.append((entry_id, alias))
        return out


def variant_block_keys(form: NameForm, ph: Phonetics) -> list[set[str]]:
    """Blocking keys of each variant of a name: bigrams of its consonant skeleton (the
    skeleton itself when shorter). Variant spellings share most of them, unrelated names few."""
    out = []
    for variant in form.variants:
        skeleton = "".join(c for t in variant for c in coarse_token(t, ph) if c != "V" and not c.islower())
        keys = {skeleton[i:i + 2] for i in range(len(skeleton) - 1)} if len(skeleton) >= 2 else {skeleton or "_"}
        out.append(keys)
    return out


def block_keys(form: NameForm, ph: Phonetics) -> set[str]:
    return set().union(*variant_block_keys(form, ph))


def display_name(text: str) -> str:
    """A mention's text as a name: without diacritics, tatweel and doubled spaces."""
    return " ".join(dediac_ar(text).replace(TATWEEL, "").split())


def pick_exact(ids: list[str], form: NameForm, kb: KnowledgeBase) -> str:
    """One entity for an exact alias hit; the entity whose canonical it is wins a tie."""
    for entry_id in ids:
        if name_form(kb[entry_id].canonical, form.etype).exact == form.exact:
            return entry_id
    return ids[0]


def match_kb(text: str, etype: str, index: AliasIndex, ph: Phonetics, threshold: float = DEFAULT_THRESHOLD) -> KBMatch | None:
    """The KB entity a name of type ``etype`` refers to, or None (memoised on the index:
    the same names recur across thousands of articles)."""
    key = (text, etype, threshold)
    if key not in index.memo:
        if len(index.memo) >= 20_000:  # bounded: worker memory stays flat over long runs
            index.memo.clear()
        index.memo[key] = _match_kb(text, etype, index, ph, threshold)
    return index.memo[key]


def _match_kb(text: str, etype: str, index: AliasIndex, ph: Phonetics, threshold: float) -> KBMatch | None:
    form = name_form(text, etype, ph)
    ids = index.exact.get((etype, form.exact))
    if ids:
        return KBMatch(pick_exact(ids, form, index.kb), 1.0, "exact")
    best: dict[str, float] = {}
    for entry_id, alias in index.candidates(form, ph):
        score = form_similarity(form, alias, ph, floor=threshold)
        if score >= threshold and score > best.get(entry_id, 0.0):
            best[entry_id] = score
    if best:
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        # Two entities about equally close: the name does not tell them apart.
        if len(ranked) == 1 or ranked[0][1] - ranked[1][1] > 0.02:
            return KBMatch(ranked[0][0], ranked[0][1], "fuzzy")
        return None
    if etype == "PERSON":
        hit = match_surname(text, index, ph, threshold)
        if hit is not None:
            return hit
    sibling = SIBLING_TYPES.get(etype)
    if sibling:
        ids = index.exact.get((sibling, form.exact))
        if ids and len(ids) == 1:
            return KBMatch(ids[0], 1.0, "sibling")
    return None


def match_surname(text: str, index: AliasIndex, ph: Phonetics, threshold: float) -> KBMatch | None:
    """A lone surname (زوكربيرج) -> the one KB person with that surname; None when several."""
    tokens = strip_titles(name_tokens(text), ph)
    if len(tokens) != 1 or len(tokens[0]) < 4:
        return None
    symbols = token_symbols(tokens[0], ph)
    form = name_form(tokens[0], "PERSON", ph)
    ids = set()
    for entry_id, surname in index.surnames.get(coarse_token(symbols, ph), ()):
        if form_similarity(form, name_form(surname, "PERSON", ph), ph) >= threshold:
            ids.add(entry_id)
    return KBMatch(ids.pop(), threshold, "surname") if len(ids) == 1 else None


def glued_name(doc: Document, m: Mention) -> str | None:
    """The mention with the Arabic letter glued before it (بaidu for Baidu): a mixed-script
    spelling the segmenter took for a proclitic."""
    if m.start == 0 or not LATIN_START.match(m.text):
        return None
    prev = doc.text[m.start - 1]
    before = doc.text[m.start - 2] if m.start >= 2 else " "
    if ARABIC_LETTER.match(prev) and not ARABIC_LETTER.match(before):
        return prev + m.text
    return None


def root_of(doc: Document, i: int) -> int:
    """Follow antecedent links to the mention that names the entity (cycles stop)."""
    seen = {i}
    while True:
        a = doc.mentions[i].antecedent
        if a is None or a in seen or not 0 <= a < len(doc.mentions) or doc.mentions[a].type == "DATE":
            return i
        seen.add(a)
        i = a


def fullest_name(names: list[str], etype: str, ph: Phonetics) -> str:
    """The canonical of a new entity: most words (a full name over a surname), then the most
    used form, then the first."""
    counts = Counter(names)
    order = {n: k for k, n in reversed(list(enumerate(names)))}
    words = lambda n: len(strip_titles(name_tokens(n), ph)) if etype == "PERSON" else len(name_tokens(n))  # noqa: E731
    return max(counts, key=lambda n: (words(n), counts[n], -order[n]))


def resolve_document(doc: Document, index: AliasIndex, ph: Phonetics | None = None, threshold: float = DEFAULT_THRESHOLD) -> Document:
    """Set canonical/entity_id (and kb_id for KB matches) on every mention of ``doc``."""
    ph = ph or default_phonetics()
    kb = index.kb
    pending: list[int] = []
    linked: list[int] = []
    for i, m in enumerate(doc.mentions):
        if m.type == "DATE":
            m.entity_id = None
            continue
        if m.kb_id:
            m.entity_id = m.kb_id
            if m.kb_id in kb:
                m.canonical = kb[m.kb_id].canonical
            m.canonical = m.canonical or display_name(m.text)
            continue
        if root_of(doc, i) != i:
            linked.append(i)
            continue
        name = m.canonical or m.text
        hit = None
        glued = glued_name(doc, m)
        if glued:
            hit = match_kb(glued, m.type, index, ph, threshold)
        hit = hit or match_kb(name, m.type, index, ph, threshold)
        if hit is not None:
            m.kb_id = m.entity_id = hit.entry_id
            m.canonical = kb[hit.entry_id].canonical
        else:
            pending.append(i)
    # New entities: variant spellings in the article share the coarse key, and one canonical.
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in pending:
        m = doc.mentions[i]
        groups[(m.type, coarse_key(m.canonical or m.text, m.type, ph))].append(i)
    for (etype, _key), members in groups.items():
        names = [display_name(doc.mentions[i].canonical or doc.mentions[i].text) for i in members]
        names += [display_name(doc.mentions[j].text) for j in linked if root_of(doc, j) in members]
        canonical = fullest_name(names, etype, ph)
        entity_id = new_entity_id(etype, canonical, ph)
        for i in members:
            doc.mentions[i].canonical = canonical
            doc.mentions[i].entity_id = entity_id
    for i in linked:
        m, root = doc.mentions[i], doc.mentions[root_of(doc, i)]
        m.entity_id, m.canonical = root.entity_id, root.canonical
        if root.kb_id:
            m.kb_id = root.kb_id
    return doc


def resolve_name(text: str, etype: str, index: AliasIndex, ph: Phonetics | None = None, threshold: float = DEFAULT_THRESHOLD) -> str:
    """The entity id one name on its own resolves to (as a one-mention article would)."""
    doc = Document(id="", text=text, mentions=[Mention(0, len(text), text, etype, "rule")])
    return resolve_document(doc, index, ph, threshold).mentions[0].entity_id or ""


def make_resolver(res, cfg):
    """Config ``resolve``: ``threshold`` (merge threshold, default the tuned one) and
    ``user_kb`` (extra KB files; default: ``kb_tagger.user_kb``, i.e. ``arclaims run --kb``)."""
    ph = res.get("name_phonetics", default_phonetics)
    user_kb = cfg.get("user_kb") or res.config.get("kb_tagger", {}).get("user_kb", [])
    if cfg.get("user_kb"):
        kb = res.get("resolve.kb", lambda: KnowledgeBase.load(user_kb))
    else:
        kb = res.get("kb", lambda: KnowledgeBase.load(user_kb))
    index = res.get("resolve.alias_index", lambda: AliasIndex.build(kb, ph))
    threshold = float(cfg.get("threshold", DEFAULT_THRESHOLD))

    def resolve_component(doc: Document) -> Document:
        return resolve_document(doc, index, ph, threshold)

    return resolve_component
