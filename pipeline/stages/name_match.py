"""Spelling-tolerant comparison of entity names across Arabic and Latin script.

Arabic news writes one name many ways (زوكربيرغ / زوكربيرج / Zuckerberg, وي صن / وِي سون /
Wei Sun, Allen / ألن / ألين). Both scripts are mapped to one alphabet of phonetic classes:
Arabic through CAMeL Tools' Buckwalter transliteration, Latin through grapheme rules (th, sh,
ck ...), with the class table in ``models/lexicons/name_phonetics.json``. Two keys come out:

* the *phonetic sequence* keeps vowels and classes apart (ج, g, غ are close but not equal);
  a weighted edit distance over it gives a similarity in [0, 1] that a threshold tuned on
  ``tests/data/entity_pairs.jsonl`` turns into a merge decision;
* the *coarse key* drops vowels and folds near classes (ج/غ/ق/ك, long vowels, doubled
  letters): variant spellings share it, so it names new entities without shared state.

Model versions never match loosely: GPT-4 and GPT-4o differ in their version signature.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from camel_tools.utils.charmap import CharMapper

from .normalize import normalize_key
from ..paths import lexicon_path

VOWELS = frozenset("aiue")  # e: a word-initial vowel of unknown quality (ا, إ, أ; A/E/I/O)
SEMIVOWELS = frozenset("WY")
BOUNDARY = "_"
# Tokens of a name: runs of letters/digits; hyphens, dots and spaces separate them.
TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+(?:\.\d+)*", regex.V1)
ARABIC_RE = regex.compile(r"\p{Arabic}")
LATIN_RE = regex.compile(r"[a-z]")
LATIN_ANY_RE = regex.compile(r"\p{Latin}")
# A version: digits with attached letters (4o, 4.5, r1, k2, v3); a single leading letter counts.
VERSION_RE = regex.compile(r"([a-z]*)(\d+(?:\.\d+)*)([a-z]*)")
# Every word of two equally long names must reach this (checked on the pair set: the lowest
# true variant word scores 0.72, the highest near-miss 0.70).
WORD_FLOOR = 0.71
DEFAULT_THRESHOLD = 0.851  # tuned on the even lines of tests/data/entity_pairs.jsonl (pipeline.evaluation.pairs)


@dataclass(frozen=True, eq=False)
class Phonetics:
    """The class tables of ``name_phonetics.json`` and ``name_affixes.json``, ready to use."""

    buckwalter: dict[str, str]
    arabic_digraphs: dict[str, str]
    letter_names: dict[str, str]
    latin_graphemes: tuple[tuple[str, str], ...]
    substitution: dict[tuple[str, str], float]
    indel: dict[str, float]
    pair_costs: dict[str, dict[str, float]]
    weight: dict[str, float]
    coarse: dict[str, str]
    person_titles: frozenset[str]
    org_prefixes: frozenset[str]
    org_suffixes: frozenset[str]
    anaphors: dict[str, str]

    @classmethod
    def load(cls, phonetics_path: Path | str | None = None, affixes_path: Path | str | None = None) -> "Phonetics":
        ph = json.loads(Path(phonetics_path or lexicon_path("name_phonetics.json")).read_text(encoding="utf-8"))
        af = json.loads(Path(affixes_path or lexicon_path("name_affixes.json")).read_text(encoding="utf-8"))
        subst: dict[tuple[str, str], float] = {}
        for a, b, cost in ph["substitution"]:
            subst[(a, b)] = subst[(b, a)] = float(cost)
        graphemes = tuple(sorted(((g, c) for g, c in ph["latin_graphemes"]), key=lambda gc: -len(gc[0])))
        return cls(
            buckwalter=ph["buckwalter"],
            arabic_digraphs=ph["arabic_digraphs"],
            letter_names=ph["arabic_letter_names"],
            latin_graphemes=graphemes,
            substitution=subst,
            indel=ph["indel"],
            pair_costs=ph["pair_costs"],
            weight=ph["weight"],
            coarse=ph["coarse"],
            person_titles=frozenset(normalize_key(t) for t in af["person_titles"]),
            org_prefixes=frozenset(normalize_key(t) for t in af["org_prefixes"]),
            org_suffixes=frozenset(normalize_key(t) for t in af["org_suffixes"]),
            anaphors={normalize_key(k): v for k, v in af["anaphors"].items()},
        )


@lru_cache(maxsize=1)
def default_phonetics() -> Phonetics:
    """The shipped tables (read once per process; the object is immutable)."""
    return Phonetics.load()


@lru_cache(maxsize=1)
def _ar2bw() -> CharMapper:
    return CharMapper.builtin_mapper("ar2bw")


def name_tokens(text: str) -> list[str]:
    """Normalised, case-folded word tokens of a name (GPT-4o -> ['gpt', '4o'])."""
    return TOKEN_RE.findall(normalize_key(text))


def exact_key(text: str) -> str:
    """Spelling-exact key: normalised, case-folded, without spaces or punctuation (Open AI = OpenAI)."""
    return "".join(name_tokens(text))


def versions(text: str) -> tuple[str, ...]:
    """Version signature of a name: GPT-4o -> ('4o',), DeepSeek-R1 -> ('r1',), Qwen2.5 -> ('2.5',)."""
    out = []
    for tok in name_tokens(text):
        for m in VERSION_RE.finditer(tok):
            prefix, number, suffix = m.groups()
            out.append((prefix if len(prefix) == 1 else "") + number + suffix)
    return tuple(sorted(out))


def _collapse(symbols: list[str]) -> str:
    """Doubled letters and repeated vowels count once (ll, ee, وو); a word-initial vowel
    becomes ``e``, since normalised Arabic (ا for أ/إ) no longer tells its quality."""
    out: list[str] = []
    for s in symbols:
        if not out or out[-1] != s:
            out.append(s)
    if out and out[0] in VOWELS:
        out[0] = "e"
        while len(out) > 1 and out[1] in VOWELS:
            del out[1]
    return "".join(out)


def _arabic_step(word: str, i: int, ph: Phonetics) -> tuple[list[str], int]:
    """Symbols of the Arabic letter(s) at ``word[i]`` and the next position.

    و/ي are consonants (W/Y) at the start of a word and before alef, long vowels elsewhere;
    a final ه is the feminine ending or a written final vowel, so it is a vowel.
    """
    ch, n = word[i], len(word)
    pair = word[i:i + 2]
    if pair in ph.arabic_digraphs:
        return list(ph.arabic_digraphs[pair]), i + 2
    nxt = word[i + 1] if i + 1 < n else ""
    if ch in "وي" and (i == 0 or nxt == "ا") and n > 1:
        return ["W" if ch == "و" else "Y"], i + 1
    if ch == "ه" and i == n - 1 and n > 2:
        return ["a"], i + 1
    return list(ph.buckwalter.get(_ar2bw()(ch), "")), i + 1


def _latin_step(word: str, i: int, ph: Phonetics) -> tuple[list[str], int]:
    """Symbols of the Latin grapheme (or digit) at ``word[i]`` and the next position."""
    ch, n = word[i], len(word)
    nxt = word[i + 1] if i + 1 < n else ""
    vowels = "aeiouy"
    if ch.isdigit():
        return [ch], i + 1
    if ch == "c" and word[i:i + 2] not in ("ch", "ck"):
        return ["S" if nxt in ("e", "i", "y") else "K"], i + 1
    if ch == "x" and i == 0 and nxt in ("i", "u"):
        return ["C"], i + 1  # pinyin x (Xi, Xiaomi, Xu) is written ش
    if ch == "w":
        return ["W" if (i == 0 or (nxt != "" and nxt in vowels)) else "u"], i + 1
    if ch == "y":
        return ["Y" if nxt and nxt in "aeiou" else "i"], i + 1
    if ch == "h" and i == n - 1 and i > 0 and word[i - 1] in vowels:
        return [], i + 1  # Sarah, Allah: a written final vowel
    if ch == "e" and i == n - 1 and n >= 4 and word[i - 1] not in vowels:
        return [], i + 1  # silent e: Google, Claude
    for grapheme, cls in ph.latin_graphemes:
        if word.startswith(grapheme, i):
            return list(cls), i + len(grapheme)
    return [], i + 1  # a letter outside the table (accents were folded by NFKC where possible)


def token_symbols(token: str, ph: Phonetics) -> str:
    """Phonetic symbols of one normalised word, in Arabic, Latin or both (بaidu)."""
    return _collapse(raw_symbols(token, ph))


def raw_symbols(token: str, ph: Phonetics) -> list[str]:
    """Symbols of a word before doubled letters collapse and the initial vowel is neutralised."""
    symbols: list[str] = []
    i = 0
    while i < len(token):
        ch = token[i]
        if ARABIC_RE.match(ch):
            out, i = _arabic_step(token, i, ph)
        elif LATIN_RE.match(ch) or ch.isdigit():
            out, i = _latin_step(token, i, ph)
        else:
            out, i = [], i + 1
        symbols.extend(out)
    return symbols


def strip_titles(tokens: list[str], ph: Phonetics) -> list[str]:
    """A person's name without leading titles (الدكتور, Dr): they are not part of the name."""
    i = 0
    while i < len(tokens) - 1 and tokens[i] in ph.person_titles:
        i += 1
    return tokens[i:]


def org_core(tokens: list[str], ph: Phonetics) -> list[str]:
    """An organisation's name without generic prefixes/suffixes (شركة ..., ... Research, ... AI)."""
    start, end = 0, len(tokens)
    while start < end - 1 and tokens[start] in ph.org_prefixes:
        start += 1
    while end > start + 1 and tokens[end - 1] in ph.org_suffixes:
        end -= 1
    return tokens[start:end]


def spell_letter_names(tokens: list[str], ph: Phonetics) -> list[str]:
    """Arabic letter names read as the Latin letters they spell (إيه آي -> ai, جي بي تي -> gpt).

    A run of letter names becomes one token, as the acronym is one word in Latin script.
    """
    out: list[str] = []
    run = ""
    for tok in tokens:
        letter = ph.letter_names.get(tok)
        if letter is not None:
            run += letter
            continue
        if run:
            out.append(run)
            run = ""
        out.append(tok)
    if run:
        out.append(run)
    return out


def name_variants(text: str, etype: str, ph: Phonetics) -> list[tuple[str, ...]]:
    """Phonetic token sequences a name may be compared by: as written, with Arabic letter
    names spelled out, without generic ORG words, without a leading Arabic article (اللاما)."""
    tokens = name_tokens(text)
    if etype == "PERSON":
        tokens = strip_titles(tokens, ph)
    forms = [tokens]
    spelled = spell_letter_names(tokens, ph)
    if spelled != tokens:
        forms.append(spelled)
    if etype in ("ORG", "MODEL"):
        for form in list(forms):
            core = org_core(form, ph)
            if core != form:
                forms.append(core)
        for form in list(forms):
            if form and form[0].startswith("ال") and len(form[0]) >= 5:
                forms.append([form[0][2:], *form[1:]])
    out: list[tuple[str, ...]] = []
    for form in forms:
        seq = tuple(s for s in (token_symbols(t, ph) for t in form) if s)
        if seq and seq not in out:
            out.append(seq)
    return out


def coarse_token(symbols: str, ph: Phonetics) -> str:
    """The consonant skeleton of one token: vowels and inner semivowels out, near classes folded.

    A word-initial vowel leaves a mark (V): Arabic writes it as alef where Latin has a vowel.
    """
    out = ["V"] if symbols[:1] in VOWELS else []
    for i, s in enumerate(symbols):
        if s in VOWELS or (s in SEMIVOWELS and i > 0):
            continue
        out.append(ph.coarse.get(s, s))
    # A final vowel is written in both scripts (كيمي Kimi, جيما Gemma): its quality stays.
    if len(symbols) > 1 and symbols[-1] in "aiu":
        out.append(symbols[-1])
    return _collapse(out)


def key_tokens(text: str, etype: str, ph: Phonetics) -> list[str]:
    """The words of a name's most canonical variant: titles and generic ORG words off,
    Arabic letter names spelled (إيه آي -> ai), a leading ال off an ORG/MODEL name."""
    tokens = name_tokens(text)
    if etype == "PERSON":
        tokens = strip_titles(tokens, ph)
    tokens = spell_letter_names(tokens, ph)
    if etype in ("ORG", "MODEL"):
        tokens = org_core(tokens, ph)
        if tokens and tokens[0].startswith("ال") and len(tokens[0]) >= 5:
            tokens = [tokens[0][2:], *tokens[1:]]
    return tokens


def skeleton(tokens: list[str], ph: Phonetics) -> str:
    """Consonant skeleton of a name, blind to where it splits into words (ديب سيك = DeepSeek,
    أوبن إيه آي = OpenAI): vowels out but a name-initial one (V) and the name-final one
    (Arabic writes it: كيمي Kimi, جيما Gemma), و/ي/W/Y kept only where a word starts with
    them, near classes folded (ج/غ/ق/ك, س/ص/ز)."""
    out: list[str] = []
    last = ""
    for k, token in enumerate(tokens):
        symbols = raw_symbols(token, ph)
        for j, sym in enumerate(symbols):
            if sym in VOWELS:
                if k == 0 and j == 0:
                    out.append("V")
                continue
            if sym in SEMIVOWELS and j > 0:
                continue
            out.append(ph.coarse.get(sym, sym))
        if symbols:
            last = symbols[-1]
    if last in "aiu" and last and len(out) > 0:
        out.append(last)
    return _collapse(out)


def coarse_key(text: str, etype: str, ph: Phonetics) -> str:
    """Key shared by variant spellings of a name (زوكربيرغ = زوكربيرج = Zuckerberg -> ZKRBRK),
    plus the version signature so that model versions never share it."""
    skel = skeleton(key_tokens(text, etype, ph), ph) or exact_key(text) or normalize_key(text)
    vers = versions(text)
    return skel + ("|" + ",".join(vers) if vers else "")


def new_entity_id(etype: str, canonical: str, ph: Phonetics) -> str:
    """Deterministic id of an entity outside the KB: type + hash of its coarse key, so that
    independent workers give variant spellings the same id."""
    key = coarse_key(canonical, etype, ph)
    return f"{etype.lower()}:" + hashlib.sha1(f"{etype}:{key}".encode("utf-8")).hexdigest()[:12]


def _symbol_kind(s: str) -> str:
    if s in VOWELS:
        return "vowel"
    if s in SEMIVOWELS:
        return "semivowel"
    if s == "H":
        return "H"
    if s == BOUNDARY:
        return "boundary"
    if s.isdigit():
        return "digit"
    return "consonant"


def _indel(s: str, ph: Phonetics, script: str) -> float:
    kind = _symbol_kind(s)
    return ph.pair_costs.get(script, {}).get(kind + "_indel", ph.indel[kind])


def _sub(a: str, b: str, ph: Phonetics, script: str) -> float:
    if a == b:
        return 0.0
    if a.isdigit() or b.isdigit() or a == BOUNDARY or b == BOUNDARY:
        return _indel(a, ph, script) + _indel(b, ph, script)
    overrides = ph.pair_costs.get(script, {})
    if a in VOWELS and b in VOWELS:
        return 0.1 if "e" in (a, b) else overrides.get("vowel_sub", 0.4)
    if {a, b} in ({"W", "u"}, {"Y", "i"}) and "semivowel_vowel_sub" in overrides:
        return overrides["semivowel_vowel_sub"]
    cost = ph.substitution.get((a, b))
    if cost is not None:
        return cost
    return min(1.0, _indel(a, ph, script) + _indel(b, ph, script))


def weighted_distance(a: str, b: str, ph: Phonetics, script: str = "mixed", limit: float = float("inf")) -> float:
    """Edit distance where dropping a vowel or swapping ج for غ is cheap and a consonant is not.

    ``script``: "latin" or "arabic" when both names are written in it (vowels and و/ي are then
    more telling), else "mixed". Past ``limit`` it stops early and returns a lower bound above
    it: a row's minimum never decreases down the table.
    """
    # This runs for every new name of every article, so costs come from per-symbol tables and
    # the three-way minimum is written out (the same sums and comparisons as min()).
    indel, sub = _cost_tables(ph, script)
    ib = [indel[y] if y in indel else _indel_memo(indel, y, ph, script) for y in b]
    prev = [0.0]
    for w in ib:
        prev.append(prev[-1] + w)
    bounded = limit < float("inf")
    for x in a:
        dx = indel[x] if x in indel else _indel_memo(indel, x, ph, script)
        subx = sub.get(x)
        if subx is None:
            subx = sub[x] = {}
        left = prev[0] + dx
        cur = [left]
        for j, y in enumerate(b):
            cost = subx.get(y)
            if cost is None:
                cost = subx[y] = _sub(x, y, ph, script)
            best = prev[j + 1] + dx
            other = left + ib[j]
            if other < best:
                best = other
            other = prev[j] + cost
            if other < best:
                best = other
            cur.append(best)
            left = best
        prev = cur
        if bounded:
            low = min(cur)
            if low > limit:
                return low
    return prev[-1]


@lru_cache(maxsize=16)
def _cost_tables(ph: Phonetics, script: str) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Per (phonetics, script): indel cost per symbol and substitution cost per symbol pair,
    filled as symbols are met (a small alphabet, so the tables stay small)."""
    return {}, {}


def _indel_memo(table: dict[str, float], s: str, ph: Phonetics, script: str) -> float:
    cost = table[s] = _indel(s, ph, script)
    return cost


def sequence_weight(seq: str, ph: Phonetics) -> float:
    weights = _weight_table(ph)
    total = 0.0
    for s in seq:
        w = weights.get(s)
        if w is None:
            w = weights[s] = ph.weight[_symbol_kind(s)]
        total += w
    return total


@lru_cache(maxsize=4)
def _weight_table(ph: Phonetics) -> dict[str, float]:
    """Weight per symbol, filled as symbols are met."""
    return {}


@lru_cache(maxsize=20_000)  # bounded: a worker's memory stays flat over long runs
def sequence_similarity(a: str, b: str, ph: Phonetics, script: str = "mixed", floor: float = 0.0) -> float:
    """1 - distance / weight of the heavier sequence, in [0, 1]. Values below ``floor`` are
    only known to be below it (the distance is cut short there)."""
    if a == b:
        return 1.0
    norm = max(sequence_weight(a, ph), sequence_weight(b, ph))
    if norm <= 0:
        return 0.0
    limit = (1.0 - floor) * norm if floor > 0 else float("inf")
    return max(0.0, 1.0 - weighted_distance(a, b, ph, script, limit) / norm)


def tokens_similarity(a: tuple[str, ...], b: tuple[str, ...], ph: Phonetics, script: str = "mixed", floor: float = 0.0) -> float:
    """Similarity of two token sequences; word order may differ (Sun Wei ~ Wei Sun).

    Names with as many words as each other must match word by word: one clearly different
    word (Andrew Ng / Andrew Yang) is a different person however alike the rest is.
    """
    orders = [(a, b)]
    if len(a) > 1 or len(b) > 1:
        orders.append((tuple(sorted(a)), tuple(sorted(b))))
    best = 0.0
    for x, y in orders:
        score = sequence_similarity(BOUNDARY.join(x), BOUNDARY.join(y), ph, script, floor)
        if floor and score < floor:
            continue  # already too far apart; the word check below can only lower it
        if len(x) == len(y) >= 2:
            # exact down to WORD_FLOOR, the only value the decision below compares with
            cut = WORD_FLOOR if floor else 0.0
            word_floor = min(sequence_similarity(p, q, ph, script, cut) for p, q in zip(x, y))
            if word_floor < WORD_FLOOR:
                score = min(score, word_floor)
        best = max(best, score)
    return best


@dataclass(frozen=True)
class NameForm:
    """A name prepared for comparison (KB aliases are prepared once)."""

    text: str
    etype: str
    exact: str
    versions: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...]
    has_arabic: bool
    has_latin: bool


def name_form(text: str, etype: str, ph: Phonetics | None = None) -> NameForm:
    return _name_form(text, etype, ph or default_phonetics())


@lru_cache(maxsize=20_000)  # bounded: worker memory stays flat over long runs
def _name_form(text: str, etype: str, ph: Phonetics) -> NameForm:
    return NameForm(
        text=text,
        etype=etype,
        exact=exact_key(text),
        versions=versions(text),
        variants=tuple(name_variants(text, etype, ph)),
        has_arabic=bool(ARABIC_RE.search(text)),
        has_latin=bool(LATIN_ANY_RE.search(text)),
    )


def form_similarity(a: NameForm, b: NameForm, ph: Phonetics | None = None, floor: float = 0.0) -> float:
    """How alike two prepared names sound, in [0, 1]; 0 when their versions differ. With a
    ``floor``, values below it are only known to be below it (faster)."""
    ph = ph or default_phonetics()
    if a.exact and a.exact == b.exact:
        return 1.0
    if a.versions != b.versions:
        return 0.0
    if not a.has_arabic and not b.has_arabic:
        script = "latin"
    elif not a.has_latin and not b.has_latin:
        script = "arabic"
    else:
        script = "mixed"
    return max((tokens_similarity(x, y, ph, script, floor) for x in a.variants for y in b.variants), default=0.0)


def name_similarity(a: str, b: str, etype: str, ph: Phonetics | None = None) -> float:
    """How alike two names of type ``etype`` sound, in [0, 1]; 0 when their versions differ."""
    ph = ph or default_phonetics()
    return form_similarity(name_form(a, etype, ph), name_form(b, etype, ph), ph)


def same_name(a: str, b: str, etype: str, threshold: float = DEFAULT_THRESHOLD, ph: Phonetics | None = None) -> bool:
    """The merge decision for two names of one type."""
    return name_similarity(a, b, etype, ph) >= threshold
