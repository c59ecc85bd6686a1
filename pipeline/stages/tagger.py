"""Entity tagging: a knowledge-base gazetteer, context rules, and the merge of all mentions.

The gazetteer matches alias token sequences against the document's tokens. Aliases are
tokenised with the same segmenter as the text, so a name that the segmenter splits
(لاما → ل + اما) is split the same way on both sides and still matches. Mentions never
include a split-off proclitic (لشركة OpenAI → OpenAI); an article glued to a name stays in
the span (اللاما), since the text has no token boundary there.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..doc import Document, Mention
from .kb import Entry, KnowledgeBase
from .normalize import NormalizedText, normalize, visible
from .segment import Token, Vocabulary, tokenize

# Latin letters a writer may glue an Arabic proclitic-looking letter onto (بaidu = Baidu).
ARABIC_TO_LATIN_INITIAL = {"ب": "b", "ف": "f", "ك": "k", "ل": "l", "و": "w", "م": "m", "ت": "t", "د": "d", "س": "s"}
# Arabic names of the Latin letters that start a model version (ديب سيك-في 3.2 = DeepSeek-V3.2,
# كيمي كيه 3 = Kimi K3). في is also "in", so it counts only after a hyphen.
ARABIC_VERSION_LETTERS = {"V": ["في"], "R": ["آر", "ار", "أر"], "K": ["كيه"], "X": ["إكس", "اكس"], "H": ["إتش", "اتش"]}
ARABIC_VERSION = (r"(?:(?<=-)في|" + "|".join(a for names in ARABIC_VERSION_LETTERS.values() for a in names if a != "في")
                  + r")\s?\d{1,2}(?:\.\d+)?(?!\.?\d)")  # -في 3.2، كيه 2 (not في 2025)
VERSION_LETTER_WORDS = frozenset(normalize(a).text for names in ARABIC_VERSION_LETTERS.values() for a in names)
VERSION_RE = regex.compile(
    r"[-\s]?(?P<v>(?:[vVrRkKxXmMoO]?\d+(?:\.\d+)*[a-zA-Z]?)(?:-(?:\d+(?:\.\d+)?[bBkKmM]|[A-Za-z]+))*"
    r"(?:\s(?:Turbo|Pro|Max|Flash|mini|Mini|Plus|Ultra|Nano|Lite|Instruct|Chat|Thinking|Coder|VL|Omni))?|" + ARABIC_VERSION + ")"
    r"(?![\p{L}\p{N}])"
)
DEFAULT_TIERS = {t: [] for t in ("Turbo", "Pro", "Max", "Flash", "mini", "Plus", "Ultra", "Nano", "Lite", "Instruct", "Chat",
                                  "Thinking", "Coder", "VL", "Omni")}


def short_vowel_spellings(word: str) -> set[str]:
    """Spellings of a transliterated word without one or all of its inner long vowels و/ي (أوبوس → أوبس،
    ثينكينغ → ثينكنغ): Arabic news writes a foreign o/i with or without its letter. Only for words of five
    letters or more, and never below four, so no short common word is made."""
    inner = [i for i in range(2, len(word) - 1) if word[i] in "وي"]
    if len(word) < 5 or not inner:
        return set()
    out = {word[:i] + word[i + 1:] for i in inner} | {"".join(c for k, c in enumerate(word) if k not in inner)}
    return {w for w in out if len(w) >= 4}


def transliteration_spellings(alias: str, vocab: Vocabulary | None) -> set[str]:
    """Spellings of an Arabic-script foreign name without one or all of the long vowels و/ي inside one of its
    words (بيربليكسيتي → بربليكسيتي، أنثروبيك → أنثروبك): news writes a foreign o/i/e with or without its letter,
    and the KB lists only some spellings. A word of five letters or more, never its first or last letter,
    never below five letters, and only spellings the corpus word counts never saw, so no ordinary word is made.
    Only foreign-shaped words: no article, and not a word news uses with the article (common_shaped: مجموعة،
    تكنولوجيا are Arabic nouns, whose short forms are other words)."""
    if vocab is None or not ARABIC_START.match(alias):
        return set()
    words = alias.split(" ")
    out = set()
    for k, word in enumerate(words):
        # a vowel letter between two consonants: after an initial alef the و/ي is the vowel itself (أوبوس is
        # not أبوس), and beside another long vowel it is a glide or diphthong (تايوان، هايكو، سيكويا)
        inner = [i for i in range(1 if word[0] not in "اأإآ" else 2, len(word) - 1)
                 if word[i] in "وي" and word[i - 1] not in "اأإآويى" and word[i + 1] not in "اأإآويىة"]
        bare = word[1:] if word[0] in "وفبلك" else word  # وتكنولوجيا، والتقنية: a proclitic on an Arabic noun
        if len(word) < 5 or not inner or not regex.fullmatch(r"\p{Arabic}+", word) \
                or any(w.startswith(("ال", "لل")) or common_shaped(normalize(w).text, vocab) for w in {word, bare}):
            continue
        forms = {word[:i] + word[i + 1:] for i in inner} | {"".join(c for x, c in enumerate(word) if x not in inner)}
        for f in forms:
            if len(f) >= 5 and vocab.count(normalize(f).text) == 0:
                out.add(" ".join([*words[:k], f, *words[k + 1:]]))
    return out - {alias}


def variant_regexes(tiers: dict[str, list[str]]) -> tuple[regex.Pattern, regex.Pattern, dict[str, str]]:
    """(version-or-tier regex for a model family, tier-only regex for a listed model, spelling → Latin tier).

    A family takes a version and then tier words (Gemini 2.5 Flash-Lite, Qwen3-Max-Thinking) or
    tier words alone (Gemini Flash); a listed model (GPT-5, Gemini 2.5) takes tier words only
    (GPT-5 Thinking). Tiers come from tagger.json ("model_tiers")."""
    tiers = {latin: sorted({v for a in arabic for v in (a, *short_vowel_spellings(a))}) for latin, arabic in tiers.items()}
    spell = {}
    for latin, arabic in tiers.items():
        spell[latin.casefold()] = latin
        for a in arabic:
            spell[normalize(a).text] = latin
    # The patterns run on the normalised text (NormalizedText.match_at): Arabic spellings in normalised form too.
    words = sorted({v for latin, arabic in tiers.items() for w in [latin, *arabic] for v in (w, normalize(w).text)},
                   key=lambda w: (-len(w), w))
    tier = "(?i:" + "|".join(regex.escape(w).replace("\\ ", r"\s") for w in words) + ")"
    # Flash-Lite, 70B, 235B-A22B (active parameters), 405 بي (the B spelled in Arabic)
    tail = rf"(?:[-\s](?:{tier}|\d+(?:\.\d+)?[BbMmKkTt]|\d+(?:\.\d+)?\sبي(?!\p{{L}})|[Aa]\d+(?:\.\d+)?[Bb]))*"
    version = r"(?:[vVrRkKxXmMoO]?\d+(?:\.\d+)*[a-zA-Z]?)(?:-(?:\d+(?:\.\d+)?[bBkKmM]|[A-Za-z]+))*"
    # a tier word of a family takes its own version (Claude Opus-4, Claude Sonnet 4.5): a short number, no year
    tier_version = r"(?:[-\s][vV]?\d{1,2}(?:\.\d+)?(?!\d|\.\d))?"
    for latin, names in ARABIC_VERSION_LETTERS.items():
        for a in names:
            spell[normalize(a).text] = latin
    family = regex.compile(rf"[-\s]?(?P<v>{version}{tail}|{ARABIC_VERSION}{tail}|{tier}{tier_version}{tail})(?![\p{{L}}\p{{N}}])")
    # A listed model takes a whole-number version too (Mistral Large 3, Nemotron-4, Midjourney V8: the KB lists the
    # versions it knows, a model line goes on numbering), group "n": a short number, never a percentage or a
    # decimal count; kb_mentions takes it only after a name ending in a letter and before no counted noun.
    numbered = rf"(?P<n>[-\s][vV]?\d{{1,2}}(?![\d%٪]|[.,٫]\d){tail})"
    # a listed model's tier takes its own version too (Magistral Medium 1.2), group "tv": a count after it is none
    listed = regex.compile(rf"(?P<v>(?:[-\s](?:{tier}|\d+(?:\.\d+)?[BbMmKkTt]|\d+(?:\.\d+)?\sبي(?!\p{{L}})|[Aa]\d+(?:\.\d+)?[Bb]))+"
                           rf"(?P<tv>{tier_version.removesuffix('?')})?|(?:-[A-Za-z]+)+|\s\d+\.\d+{tail}"
                           rf"|{numbered})(?![\p{{L}}\p{{N}}])")
    return family, listed, spell


ARABIC_START = regex.compile(r"\p{Arabic}")
AMPERSAND_WORDS = frozenset({"اند", "أند"})  # normalised آند/أند/اند: "&" inside a company's name
WORD_CHAR = regex.compile(r"\w")
LATIN_NAME_START = regex.compile(r"[\p{Lu}\p{N}]|\p{Latin}+\p{Lu}")
ARTICLE_RE = regex.compile(r"(?:[وفبك]?ال|لل)")  # الباحث، والباحث، للباحث
RELATIVE_PRONOUNS = frozenset(normalize(w).text for w in ("الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي"))
PURPOSE_NOUN = regex.compile(r"لت\p{Arabic}{2}ي\p{Arabic}")  # ل + the verbal noun تفعيل: لتلخيص، لتوليد، لتحليل
PASSIVE_PARTICIPLE = regex.compile(r"م\p{Arabic}{2}و\p{Arabic}")  # the pattern مفعول
ARABIC_WORD = regex.compile(r"[\p{L}\p{Mn}]+")  # letters only: a name with a space, digit, hyphen or + is no surname
MODEL_WORDS = frozenset({"نموذج", "نماذج", "النموذج", "سلسله", "اصدار", "روبوت", "تطبيق", "منصه"})
SHORT_ALIAS = 3  # aliases this short match only with their exact case (X, o1, R1)
CONFIDENCE = {"kb": 0.95, "kb_short": 0.8, "rule": 0.7}
TYPE_PRIORITY = {"kb": 0, "rule": 1, "ner": 2}


def doc_norm(doc: Document) -> NormalizedText:
    """The document's normalised text: the segmenter's, or built here for a document made without it."""
    norm = doc.norm
    return norm if norm is not None and (norm.original is doc.text or norm.original == doc.text) else normalize(doc.text)


def gap_is(pattern: regex.Pattern, doc: Document, start: int, end: int) -> bool:
    """``pattern`` fills the text between two original offsets, read normalised (a bidi mark or a
    no-break space between two names is no other gap)."""
    return doc_norm(doc).fullmatch_between(pattern, start, end)


def token_key(token: Token) -> str:
    return token.norm.casefold()


def alias_keys(alias: str, vocab: Vocabulary | None, with_article: bool = True, whole: bool = False) -> list[tuple[str, ...]]:
    """Token-key sequences an alias may appear as (with ال added to Arabic names lacking it, unless
    ``with_article`` is off: a model's foreign name does not take it, and البانجو، اللاما are other words).
    With ``whole``, also its words unsplit: the segmenter reads كوين alone as ك + وين but leaves it whole
    behind a proclitic (بكوين = ب + كوين) or before a glued version (كوين3)."""
    toks = tokenize(normalize(alias), vocab)
    keys = [tuple(token_key(t) for t in toks)]
    if whole:
        unsplit = tuple(token_key(t) for t in tokenize(normalize(alias)))
        if unsplit != keys[0]:
            keys.append(unsplit)
    if with_article and toks and ARABIC_START.match(toks[0].norm) and not toks[0].norm.startswith("ال") and not toks[0].clitic:
        with_al = tokenize(normalize("ال" + alias), vocab)
        keys.append(tuple(token_key(t) for t in with_al))
    return [k for k in keys if k]


@dataclass
class Gazetteer:
    """Alias token sequences → KB entries.

    A short alias (X, o1, R1) matches only as written; ``surfaces`` holds those spellings.
    """

    index: dict[tuple[str, ...], dict[str, tuple[Entry, frozenset[str] | None]]] = field(default_factory=dict)
    max_len: int = 1
    latin_words: dict[tuple[str, int], dict] = field(default_factory=dict)  # (first letter, len//3) → one-word Latin aliases
    first_len: dict[str, int] = field(default_factory=dict)  # first token of an alias → longest alias length
    family_re: regex.Pattern = field(default_factory=lambda: variant_regexes(DEFAULT_TIERS)[0])
    listed_re: regex.Pattern = field(default_factory=lambda: variant_regexes(DEFAULT_TIERS)[1])
    tier_spelling: dict[str, str] = field(default_factory=dict)
    model_makers: frozenset[str] = frozenset()  # ORG ids the KB lists models for
    app_words: frozenset[str] = frozenset()  # مساعد، روبوت الدردشة: a model maker named after them is its model
    release_verbs: frozenset[str] = frozenset()  # أطلقت، تطرح: the maker is their subject (see release_verb_forms)
    use_nouns: frozenset[str] = frozenset()  # استخدام، مستخدمي: a model maker after them is its product
    topic_words: tuple[str, ...] = ()  # normalised: الذكاء الاصطناعي، المساعد الصوتي (an article about AI)
    unattested: frozenset[str] = frozenset()  # one-word Arabic model aliases the word counts never saw (جيمناي)
    count_words: frozenset[tuple[str, ...]] = frozenset()  # token keys of ملايين، مرات: a number before them counts
    use_verbs: frozenset[str] = frozenset()  # يستخدم، استخدمت: a namesake they take as object is the product
    behaviour_verbs: frozenset[str] = frozenset()  # يتفوق، أجاب: a namesake their masculine subject is the model
    kind_adjectives: frozenset[str] = frozenset()  # اللغوي، التوليدي: نموذجها اللغوي ديب سيك names the model
    alias_heads: frozenset[str] = frozenset()  # معهد، مؤسسة: heads of KB aliases (معهد ميلا) that a description may split
    headed: dict[tuple[str, ...], Entry] = field(default_factory=dict)  # ميلا → Mila: the name of such an alias
    vocab: Vocabulary | None = None

    def rare_word(self, w: str) -> bool:
        """Fewer than RARE_WORD_COUNT uses in the word counts: a name's word more than a common one."""
        return self.vocab is not None and self.vocab.count(w) < RARE_WORD_COUNT

    @classmethod
    def build(cls, kb: KnowledgeBase, vocab: Vocabulary | None, tiers: dict[str, list[str]] | None = None,
              app_words: tuple[str, ...] = (), release_verbs: tuple = (), topic_words: tuple[str, ...] = (),
              use_nouns: tuple[str, ...] = (), count_words: tuple[str, ...] = (),
              use_verbs: tuple = (), behaviour_verbs: tuple = (), kind_adjectives: tuple = (),
              alias_heads: tuple[str, ...] = ()) -> "Gazetteer":
        family_re, listed_re, spelling = variant_regexes(tiers or DEFAULT_TIERS)
        gz = cls(family_re=family_re, listed_re=listed_re, tier_spelling=spelling,
                 model_makers=frozenset(e.org for e in kb if e.type == "MODEL" and e.org),
                 app_words=frozenset(normalize(w).text.split()[-1] for w in app_words),
                 release_verbs=release_verb_forms(release_verbs),
                 use_nouns=frozenset(normalize(w).text for w in use_nouns),
                 use_verbs=release_verb_forms(use_verbs) | frozenset(
                     normalize(f).text for perf, imperf in use_verbs for f in (perf + "نا", "ن" + imperf, "أ" + imperf)),
                 behaviour_verbs=masculine_verb_forms(behaviour_verbs),
                 kind_adjectives=frozenset(normalize(w).text for w in kind_adjectives),
                 alias_heads=frozenset(normalize(w).text for w in alias_heads), vocab=vocab,
                 count_words=frozenset(tuple(token_key(t) for t in tokenize(normalize(w), vocab)) for w in count_words),
                 topic_words=tuple(sorted({normalize(w).text for w in topic_words})))
        for entry in kb:
            aliases = list(entry.aliases)
            if entry.type in ("MODEL", "ORG"):
                known = {normalize(a).text for a in aliases}
                aliases += sorted({v for a in entry.aliases for v in transliteration_spellings(a, vocab)
                                   if normalize(v).text not in known})
            for alias in aliases:
                short = len(alias.strip()) <= SHORT_ALIAS or acronym_alias(alias)
                for key in alias_keys(alias, vocab, with_article=entry.type != "MODEL", whole=entry.type == "MODEL"):
                    slot = gz.index.setdefault(key, {})
                    _, surfaces = slot.get(entry.id, (entry, frozenset()))
                    if surfaces is not None:
                        surfaces = surfaces | {alias.strip()} if short else None
                    slot[entry.id] = (entry, surfaces)
                    gz.max_len = max(gz.max_len, len(key))
                    gz.first_len[key[0]] = max(gz.first_len.get(key[0], 0), len(key))
                    if entry.type == "MODEL" and len(key) == 1 and vocab is not None and unattested_word(key[0], vocab):
                        gz.unattested = gz.unattested | {key[0]}
        gz.headed = headed_names(kb, gz, vocab)
        for key, slot in gz.index.items():
            word = key[0]
            if len(key) == 1 and word.isascii() and word.isalpha() and len(word) >= 5:
                for b in {len(word) // 3, (len(word) + 1) // 3, (len(word) - 1) // 3}:
                    gz.latin_words.setdefault((word[0], b), {})[key] = slot
        return gz

    def lookup(self, key: tuple[str, ...], surface: str) -> Entry | None:
        found = self.candidates(key, surface)
        return found[0] if found else None

    def candidates(self, key: tuple[str, ...], surface: str) -> list[Entry]:
        """Entries an alias may name; an organisation before its namesake model family
        (DeepSeek the lab, unless a version or a model word says otherwise)."""
        found = [e for e, surfaces in self.index.get(key, {}).values() if surfaces is None or surface in surfaces or visible(surface) in surfaces]
        return sorted(found, key=lambda e: (e.type != "ORG", e.type != "MODEL"))

    def latin_typo(self, word: str) -> Entry | None:
        """A KB entity whose one-word Latin alias is one or two edits from ``word``
        (Antropoic → Anthropic); a model one edit only. Long words only, same first letter, a unique answer."""
        import editdistance

        if len(word) < 6:
            return None
        w = word.casefold()
        hits = {}
        for (alias,), slot in self.latin_words.get((w[0], len(w) // 3), {}).items():
            d = editdistance.eval(w, alias)
            if 0 < d <= (1 if len(w) < 8 else 2):
                for e, _ in slot.values():
                    if e.type != "MODEL" or d == 1:  # model names sit near English words (Internet ~ InternLM)
                        hits[e.id] = e
        return next(iter(hits.values())) if len(hits) == 1 else None


HEADED_NAME_MAX_COUNT = 100
RARE_WORD_COUNT = 120  # the rule lexicon's rare_word_count


def headed_names(kb: KnowledgeBase, gz: Gazetteer, vocab: Vocabulary | None) -> dict[tuple[str, ...], Entry]:
    """The names of KB organisation aliases made of a head and a name (معهد ميلا، مؤسسة راند، مركز بيو), when the
    name alone is no alias: news puts a description between them (مختبر الذكاء الاصطناعي ميلا، مؤسسة البحوث
    الأمريكية راند), and the name alone is often a word or a given name. A name two entities share is left out."""
    out: dict[tuple[str, ...], Entry | None] = {}
    for entry in kb:
        if entry.type != "ORG":
            continue
        for alias in entry.aliases:
            toks = tokenize(normalize(alias), vocab)
            if not (2 <= len(toks) <= 3 and toks[0].norm in gz.alias_heads) or toks[1].norm.startswith("ال") or toks[1].clitic:
                continue
            key = tuple(token_key(t) for t in toks[1:])
            if key in gz.index or (len(key) == 1 and vocab is not None and vocab.count(key[0]) > HEADED_NAME_MAX_COUNT):
                continue  # a frequent word alone (زين، أنت of مجموعة آنت) is too often something else
            out[key] = entry if out.get(key, entry) is entry else None
    return {k: e for k, e in out.items() if e is not None}


def headed_name_at(toks: list[Token], i: int, gz: Gazetteer, reach: int = 3) -> bool:
    """A head of those aliases (or its definite form) a short description before the name at i: only
    common-shaped or definite words, no punctuation, between them (مركز أبحاث بيو، مختبر الذكاء الاصطناعي ميلا)."""
    for p in range(i - 1, max(-1, i - 2 - reach), -1):
        w = toks[p].norm
        if (w[2:] if w.startswith("ال") else w) in gz.alias_heads:
            return True
        if not regex.fullmatch(r"\p{Arabic}+", w) or (not w.startswith("ال") and not toks[p].clitic
                                                       and not (gz.vocab is not None and common_shaped(w, gz.vocab))):
            return False  # a name word between is part of another name (شركة كونوكو فيليبس is not Philips)
    return False


def surname_after(toks: list[Token], j: int, gz: Gazetteer) -> bool:
    """A rare Arabic word right after a name, without the article: the name is a person's given name
    (مدير المركز فيكتور هوغو), not the organisation's."""
    return j < len(toks) and not toks[j].clitic and bool(regex.fullmatch(r"\p{Arabic}+", toks[j].norm)) \
        and not toks[j].norm.startswith("ال") and gz.rare_word(toks[j].norm)


def acronym_alias(alias: str) -> bool:
    """A short all-capital Latin alias (CLIP, PALM, JAIS) is an acronym: it matches only as written, since
    the word in other case is ordinary (Clip TV, Palm Springs)."""
    a = alias.strip()
    return a.isascii() and a.isalpha() and a.isupper() and len(a) <= 5


def release_verb_forms(lemmas) -> frozenset[str]:
    """Normalised surface forms of release verbs from [perfect, imperfect stem] pairs: the 3rd-person
    perfect (أطلق، أطلقت، أطلقوا) and imperfect (يطلق، تطلق، يطلقون); the segmenter strips و/ف."""
    forms = set()
    for perf, imperf in lemmas:
        forms.update({perf, perf + "ت", perf + "وا", "ي" + imperf, "ت" + imperf, "ي" + imperf + "ون"})
    return frozenset(normalize(f).text for f in forms)


def maker_model_split(toks: list[Token], keys: list[str], i: int, j: int, entry: Entry, gz: Gazetteer) -> int:
    """Where a KB alias that glues the maker to its model (ميتا لاما، غوغل جيميني) splits after a
    release verb (أطلقت ميتا لاما 4: Meta released Llama 4), or 0: the token before the alias is
    such a verb, the first tokens are an alias of a model maker (Google for DeepMind's Gemini), the rest a model alias."""
    if entry.type != "MODEL" or j - i < 2 or not gz.release_verbs:
        return 0
    k = i - 1
    while k >= 0 and toks[k].clitic:
        k -= 1
    if k < 0 or toks[k].norm not in gz.release_verbs:
        return 0
    for p in range(i + 1, j):
        orgs = [e for e, _ in gz.index.get(tuple(keys[i:p]), {}).values() if e.type == "ORG" and e.id in gz.model_makers]
        rest = [e for e, _ in gz.index.get(tuple(keys[p:j]), {}).values() if e.type == "MODEL"]
        if orgs and (rest or entry.org in {o.id for o in orgs}):
            return p  # the rest is a model alias, or the maker's own model however ambiguous alone (غوغل | بارد)
    return 0


def number_is_version(doc: Document, toks: list[Token], name_end: int, v_end: int, gz: Gazetteer) -> bool:
    """A whole number after a listed model's name is its version (Nemotron 3) when the name ends in a letter
    (GPT-4 5 is two numbers) and it counts nothing (``counted_after``)."""
    return doc.text[name_end - 1].isalpha() and not counted_after(toks, v_end, gz)


def counted_after(toks: list[Token], end: int, gz: Gazetteer) -> bool:
    """A count word (model_count_words: ملايين، مرات، بالمئة) follows offset ``end``: the number before it counts,
    it is no version (يستخدم Gemini 5 ملايين شخص)."""
    k = next((x for x, t in enumerate(toks) if t.start >= end), len(toks))
    keys = tuple(token_key(t) for t in toks[k:k + 3])
    return any(keys[:len(p)] == p for p in gz.count_words)


def _span(doc: Document, tokens: list[Token], i: int, j: int) -> tuple[int, int]:
    return tokens[i].start, tokens[j - 1].end


def kb_mentions(doc: Document, gz: Gazetteer, kb: KnowledgeBase) -> list[Mention]:
    """Longest KB alias matches, left to right."""
    toks = doc.tokens
    keys = [token_key(t) for t in toks]
    out: list[Mention] = []
    i = 0
    n = len(toks)
    etype = None
    while i < n:
        found = None
        for j in range(min(n, i + gz.first_len.get(keys[i], 0)), i, -1):
            # An alias never starts or ends inside a word: the token before must be
            # separated by space/punctuation unless it is a proclitic.
            if i > 0 and not toks[i - 1].space_after and not toks[i - 1].clitic and toks[i - 1].norm.isalnum():
                break
            s, e = _span(doc, toks, i, j)
            cands = gz.candidates(tuple(keys[i:j]), doc.text[s:e])
            if not cands and j == i + 2 and spaced_short_alias_in_context(doc, toks, i, s, out, gz):
                cands = gz.candidates(tuple(keys[i:j]), visible(doc.text[s:e]).replace(" ", ""))
            if cands:
                found = (i, j, _choose(cands, doc, toks, i, e, gz))
                break
        if found is None and not toks[i].clitic:
            found = _with_proclitic(doc, toks, keys, i, gz, out)
        if found is None and gz.headed and not toks[i].clitic:
            found = next(((i, j, gz.headed[tuple(keys[i:j])]) for j in (i + 2, i + 1)
                          if j <= n and tuple(keys[i:j]) in gz.headed and not surname_after(toks, j, gz)), None)
            if found is not None and not headed_name_at(toks, i, gz):
                found = None  # the name alone, with no head before it (راند)
        if found is None and toks[i].clitic and i + 1 < n and _glued_latin(toks, i):
            found = _mixed_script(doc, toks, i, gz)
        if found is None and toks[i].norm[:1].isascii() and toks[i].norm[:1].isalpha() and not toks[i].clitic:
            found = _latin_model_prefix(doc, toks, i, gz)
        if found is None and toks[i].norm[:1].isascii() and toks[i].norm[:1].isalpha() and not toks[i].clitic \
                and family_named_variant(toks[i].norm, gz):
            out.append(Mention(toks[i].start, toks[i].end, toks[i].text, "MODEL", "kb", CONFIDENCE["kb"],
                               canonical=toks[i].text))  # its own entity: GPT-Realtime is not GPT
            i += 1
            continue
        if found is None and toks[i].norm[:1].isupper() and toks[i].norm.isascii():
            typo = gz.latin_typo(toks[i].norm)
            found = (i, i + 1, typo) if typo is not None else None
        if found is None:
            i += 1
            continue
        i0, j, entry = found[:3]
        s, e = _span(doc, toks, i0, j)
        if len(found) > 3 and found[3] is not None:
            s = found[3]  # after a proclitic the segmenter left on the word (وميسترال)
        if len(found) > 4:
            e = found[4]  # the alias ends inside the token (Qwen|3-Max); the version extends it
        if entry.type == "MODEL" and hamza_mismatch(doc.text[s:e], entry):
            i += 1
            continue
        p = maker_model_split(toks, keys, i0, j, entry, gz) if len(found) == 3 else 0
        if p:
            maker = next(e for e, _ in gz.index[tuple(keys[i0:p])].values() if e.type == "ORG" and e.id in gz.model_makers)
            ms, me = _span(doc, toks, i0, p)
            out.append(Mention(ms, me, doc.text[ms:me], "ORG", "kb", CONFIDENCE["kb"], canonical=maker.canonical, kb_id=maker.id))
            i = p
            if not any(x.type == "MODEL" for x, _ in gz.index.get(tuple(keys[p:j]), {}).values()):
                ms, me = _span(doc, toks, p, j)  # بارد alone is no alias (a common word): the split gives it its entry
                out.append(Mention(ms, me, doc.text[ms:me], "MODEL", "kb", CONFIDENCE["kb"], canonical=entry.canonical, kb_id=entry.id))
                i = j
            continue
        canonical = entry.canonical
        kb_id = entry.id
        if entry.type == "MODEL":
            m, v_end = doc_norm(doc).match_at(gz.family_re if entry.family else gz.listed_re, e)
            if m and not entry.family and m.group("n") and not number_is_version(doc, toks, e, v_end, gz):
                m = None
            if m and not entry.family and m.group("tv") and counted_after(toks, v_end, gz):
                m, v_end = doc_norm(doc).match_at(gz.listed_re, e)  # GPT-5 Pro 3 ملايين: the tier without the count
                m = m if m and not m.group("tv") else None
            if m and entry.family and m.group("v").strip(" -").isdigit() and counted_after(toks, v_end, gz):
                m = None  # تطبيق Gemini 5 ملايين: a count after the family's name
            if m and m.group("v").strip(" -"):
                e = v_end
                version_surface = doc.text[s:e]
                specific = _specific_model(gz, version_surface)
                if specific is not None:
                    canonical, kb_id = specific.canonical, specific.id
                elif entry.family:
                    canonical = f"{entry.canonical}{entry.version_sep}{_latin_tiers(m.group('v'), gz)}"
                    kb_id = None
                else:
                    v = m.group("v")
                    lead = "-" if v.lstrip().startswith("-") else " "
                    canonical = entry.canonical + lead + _latin_tiers(v, gz).lstrip(" -")
                    kb_id = None
                while j < n and toks[j].end <= e:
                    j += 1
        elif entry.type == "ORG" and entry.id in gz.model_makers and _after_app_word(toks, i0, gz.app_words):
            etype = "MODEL"  # تطبيق ديب سيك: a model maker's name after an app word is its app
        short = len(doc.text[s:e]) <= SHORT_ALIAS
        typ = etype if entry.type == "ORG" and etype == "MODEL" else entry.type
        if typ != entry.type:
            kb_id = None
        out.append(Mention(s, e, doc.text[s:e], typ, "kb", CONFIDENCE["kb_short" if short else "kb"],
                           canonical=canonical, kb_id=kb_id))
        etype = None
        i = j
    return models_on_topic(doc, quoted_releases(doc, namesakes_beside_models(doc, out, gz), gz), gz)


def spaced_short_alias_in_context(doc: Document, toks: list[Token], i: int, start: int, before: list[Mention],
                                  gz: Gazetteer) -> bool:
    """An Arabic short alias of a letter and a digit written with a space (أو 3 for o3, which the KB lists
    glued: أو3) is the model only where the context says model, since أو is also "or" (ثلاثة أو 4 أشخاص):
    after a model or app word (نموذجي أو 3، نماذج أو 1), before a tier word (أو 3 ميني), or listed after
    another model (GPT-4o وأو 3)."""
    if i + 1 >= len(toks) or not ARABIC_START.match(toks[i].norm) or not toks[i + 1].norm.isdigit() \
            or not toks[i].space_after or toks[i + 1].clitic:
        return False
    k = i - 1
    while k >= 0 and toks[k].clitic:
        k -= 1
    prev = toks[k].norm if k >= 0 else ""
    nxt = toks[i + 2].norm if i + 2 < len(toks) else ""
    if nxt.startswith(("نموذج", "نماذج")) or (k >= 0 and prev.isdigit()):
        return False  # نموذجا أو 3 نماذج: "or three models"
    if prev.startswith(("نموذج", "نماذج")) or prev in MODEL_WORDS or prev in gz.app_words:
        return True
    if nxt and nxt not in VERSION_LETTER_WORDS and (nxt in gz.tier_spelling or nxt.casefold() in gz.tier_spelling):
        return True  # a tier word, not في ("in"), which also spells the version letter V
    last = before[-1] if before else None
    return last is not None and last.type == "MODEL" and gap_is(LIST_GAP, doc, last.end, start)


def unattested_word(w: str, vocab: Vocabulary) -> bool:
    """An Arabic word the corpus word counts never list (fewer than three times in 3.3M words): no
    surname, street or common word of the news they count, so as a model alias it is the model."""
    return bool(ARABIC_START.match(w)) and vocab.count(w) == 0


def models_on_topic(doc: Document, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """Without one-word Arabic model names in an article that is not about AI: no topic word (الذكاء
    الاصطناعي، المساعد الصوتي), no model named in Latin script or with a version, no model maker named, no
    two different models joined in a list.
    There such a word is the surname, street or instrument it also is (الشاعر حسن علام، جامعة كوين، جهاز
    "ويسبر"); after a model or app word (تطبيق سيري) it stays a model, and so does a name written with more
    than letters (كوين-3، دال-إي، أليكسا+) or one the word counts never saw (جيمناي، كودسترال: no namesake)."""
    models = [m for m in mentions if m.type == "MODEL"]
    if not models or not gz.topic_words:
        return mentions
    if any(not ARABIC_START.match(m.text) or not ARABIC_WORD.fullmatch(visible(m.text)) for m in models) or any(
            m.type == "ORG" and m.kb_id in gz.model_makers for m in mentions) or any(
            a.kb_id != b.kb_id and gap_is(LIST_GAP, doc, a.end, b.start) for a, b in zip(models, models[1:])):
        return mentions  # two different models listed together (كلود وجيميني) also make it an article about AI
    text = normalize(doc.text).text
    if any(w in text for w in gz.topic_words):
        return mentions
    first = {t.start: i for i, t in enumerate(doc.tokens)}
    out = []
    for m in mentions:
        if m.type == "MODEL" and ARABIC_WORD.fullmatch(visible(m.text)) and normalize(m.text).text not in gz.unattested:
            k = first.get(m.start, 1) - 1
            while k > 0 and (doc.tokens[k].clitic or doc.tokens[k].norm in OPEN_QUOTES):
                k -= 1
            prev = doc.tokens[k].norm if k >= 0 else ""
            if prev not in MODEL_WORDS and prev not in gz.app_words:
                continue
        out.append(m)
    return out


# a list after من ("from") names makers (نماذج من أنثروبيك وأمازون نوفا); not كل من ("both": كلا من ديب سيك وChatGPT)
FROM_BEFORE = regex.compile(r"(?<!(?:^|\s)كلا?)(?:^|\s)من\s*$")
COMPANY_PLURAL = regex.compile(r"(?:^|\s)[وف]?(?:ال)?شركات(?:\s|$)")
AND_GAP = regex.compile(r"\s*[\"«»“”]?\s*(?:[،,]\s*)?(?:و|أو|او)\s*[\"«»“”]?\s*")  # a conjunction, quoted members
# too («جيميني» و«ديب سيك»): a comma alone may be an apposition


def namesakes_beside_models(doc: Document, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """A name the KB lists both as a company and as its model (ديب سيك، Perplexity) joined by و/أو or a
    comma to a model is the model (يستخدم الطلاب ديب سيك وشات جي بي تي); a company with no namesake model
    stays the company (OpenAI وChatGPT), and so does a list a plural company noun announces (الشركات
    الصينية مثل Kimi، وZ.ai، وDeepSeek)."""
    out = list(mentions)
    for k, m in enumerate(out):
        if m.type != "ORG":
            continue
        first = k
        while first > 0 and gap_is(LIST_GAP, doc, out[first - 1].end, out[first].start):
            first -= 1
        if COMPANY_PLURAL.search(normalize(doc.text[max(0, out[first].start - 40):out[first].start]).text) \
                or FROM_BEFORE.search(normalize(doc.text[max(0, out[first].start - 12):out[first].start]).text):
            continue  # نماذج من ميسترال وغوغل جيميني: "models from" names their makers
        before = out[k - 1] if k > 0 else None
        after = out[k + 1] if k + 1 < len(out) else None
        if not ((before is not None and before.type == "MODEL" and gap_is(AND_GAP, doc, before.end, m.start))
                or (after is not None and after.type == "MODEL" and gap_is(AND_GAP, doc, m.end, after.start))):
            continue
        key = tuple(token_key(t) for t in tokenize(normalize(m.text)))
        namesake = [e for e in gz.candidates(key, m.text) if e.type == "MODEL"]
        if namesake:
            e = next((x for x in namesake if x.family), namesake[0])
            out[k] = Mention(m.start, m.end, m.text, "MODEL", m.source, m.confidence, canonical=e.canonical, kb_id=e.id)
    return out


def quoted_releases(doc: Document, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """A short quoted name right after a release verb and a model maker (أطلقت أمازون «نوفا»، كشفت غوغل عن
    «فيو») is the maker's new product, in an article about AI (a topic word or another model): the NER model
    would type an unknown quoted name an organisation. A definite or function word inside the quotation
    makes it a phrase, not a name (أطلقت غوغل «مبادرة التعليم الرقمي» is still caught by its head noun
    elsewhere, never here)."""
    toks = doc.tokens
    if not gz.release_verbs or not toks:
        return mentions
    first = {t.start: k for k, t in enumerate(toks)}
    last = {t.end: k for k, t in enumerate(toks)}
    taken = [(m.start, m.end) for m in mentions]
    on_topic = None
    out = list(mentions)
    for m in mentions:
        if m.type != "ORG" or m.kb_id not in gz.model_makers or m.start not in first or m.end not in last:
            continue
        k = first[m.start] - 1
        while k >= 0 and toks[k].clitic:
            k -= 1
        if k < 0 or toks[k].norm not in gz.release_verbs:
            continue
        j = last[m.end] + 1
        if j < len(toks) and toks[j].norm == "عن":
            j += 1  # كشفت غوغل عن «...»
        if j >= len(toks) or toks[j].norm not in OPEN_QUOTES:
            continue
        close = next((x for x in range(j + 1, min(len(toks), j + 5)) if toks[x].norm in CLOSE_QUOTES), None)
        if close is None or close == j + 1:
            continue
        words = [toks[x].norm for x in range(j + 1, close)]
        if any(w.startswith("ال") or not regex.fullmatch(r"[\p{L}\d.+\-]+", w) for w in words) or words[0].isdigit():
            continue
        s, e = toks[j + 1].start, toks[close - 1].end
        if any(a < e and s < b for a, b in taken):
            continue
        if on_topic is None:
            text = normalize(doc.text).text
            on_topic = any(x.type == "MODEL" for x in mentions) or any(w in text for w in gz.topic_words)
        if on_topic:
            out.append(Mention(s, e, doc.text[s:e], "MODEL", "rule", CONFIDENCE["rule"], canonical=doc.text[s:e]))
    return sorted(out, key=lambda x: (x.start, x.end))


HAMZA_ALEFS = frozenset("أإآ")
ARABIC_MARKS = regex.compile(r"[\p{Mn}\u0640]")


def hamza_mismatch(surface: str, entry: Entry) -> bool:
    """A short one-word Arabic model name written with a hamza its aliases lack is another word
    (بألم "with pain" is not بالم, PaLM), or a very short one with a final ى its aliases lack:
    normalisation folds these letters, the writer did not."""
    bare = ARABIC_MARKS.sub("", visible(surface)).strip()
    if " " in bare or len(bare) > 5:
        return False
    if not HAMZA_ALEFS & set(bare) and not (bare.endswith("ى") and len(bare) <= 4):
        return False  # سيرى "he will see" is not سيري (Siri)
    return all(ARABIC_MARKS.sub("", a) != bare for a in entry.aliases)


def _after_app_word(toks: list[Token], i: int, app_words: frozenset[str]) -> bool:
    """The token before i (past a proclitic or quote) is an app/assistant/model word."""
    k = i - 1
    while k >= 0 and (toks[k].clitic or toks[k].norm in {'"', "“", "«", "'"}):
        k -= 1
    if k < 0:
        return False
    if toks[k].norm in app_words:
        return True
    return False


def _latin_tiers(v: str, gz: Gazetteer) -> str:
    """A matched version/tier tail with Arabic tier words in their Latin spelling (برو → Pro)."""
    parts = regex.split(r"([-\s]+)", v.strip())
    latin = "".join(gz.tier_spelling.get(normalize(p).text, p) if not regex.fullmatch(r"[-\s]+", p) else p for p in parts)
    latin = regex.sub(r"(\d)\s+بي(?!\p{L})", r"\1B", latin)  # 70 بي → 70B
    return regex.sub(r"^([VRKXH]) (?=\d)", r"\1", latin)  # في 3.2 → V3.2


def _latin_model_prefix(doc: Document, toks: list[Token], i: int, gz: Gazetteer):
    """A one-token Latin name that starts with a model alias and goes on with a version or tiers:
    Qwen3-Max-Thinking, DeepSeek-V3.1-Terminus, o3-High."""
    w = toks[i].norm
    if "-" not in w and not any(c.isdigit() for c in w):
        return None
    for k in range(len(w) - 1, 1, -1):
        if not (w[k] == "-" or (w[k].isdigit() and not w[k - 1].isdigit() and w[k - 1] != ".")):
            continue
        cands = [e for e in gz.candidates((w[:k].casefold(),), w[:k]) if e.type == "MODEL"]
        if not cands:
            continue
        entry = next((e for e in cands if e.family), cands[0])
        norm = doc_norm(doc)
        split = norm.offsets[norm.from_original(toks[i].start, toks[i].start)[0] + k]  # the k-th kept character
        m, end = norm.match_at(gz.family_re if entry.family else gz.listed_re, split)
        if m and not entry.family and m.group("n") and not number_is_version(doc, toks, split, end, gz):
            continue
        if m and (end == toks[i].end or (end > toks[i].end and any(t.end == end for t in toks[i + 1:i + 6]))):
            return i, i + 1, entry, None, split  # the version may go on past the token with tiers (GPT-5.2 Pro)
    return None


NAMED_VARIANT = regex.compile(r"(?P<family>[A-Za-z]+)-(?P<name>[A-Z][a-z]+|[a-z]+)")
ENGLISH_COMPOUND_ENDINGS = ("ed", "ing", "like", "based", "style", "type", "class", "level", "scale")


def family_named_variant(w: str, gz: Gazetteer) -> bool:
    """A model family's name hyphened to a word (GPT-Realtime، gpt-realtime، Gemini-Exp): a named variant
    the KB does not list, not a version, so its own model. English compounds stay out (GPT-like، GPT-based,
    GPT-powered), and so does a capitalised family with a lowercase word after it."""
    m = NAMED_VARIANT.fullmatch(w)
    if m is None or m.group("name").casefold().endswith(ENGLISH_COMPOUND_ENDINGS):
        return False
    if m.group("name").islower() and not m.group("family").islower():
        return False
    family = m.group("family")
    surfaces = (family, family.upper()) if w.islower() else (family,)  # gpt-realtime: the short alias GPT in lower case
    return any(e.type == "MODEL" and e.family for f in surfaces for e in gz.candidates((family.casefold(),), f))


NEXT_WORD = regex.compile(r"\s*[«\"“']?\s*([\p{L}\d]+)")


def _choose(cands: list[Entry], doc: Document, toks: list[Token], i: int, end: int, gz: Gazetteer,
            proclitic: bool = False) -> Entry:
    """ORG unless the alias is followed by a version or preceded by a model or app word (مساعد Z.ai), or by a
    noun of using with nothing of the lab's after the name (استخدام ديب سيك، مستخدمي ديب سيك: the product;
    استخدام ديب سيك لنموذجها: the lab's use of something)."""
    models = [e for e in cands if e.type == "MODEL"]
    if len(cands) == 1 or not models:
        return cands[0]
    version, v_end = doc_norm(doc).match_at(VERSION_RE, end)  # a version number, not a tier word: DeepSeek Pro is still the lab
    k = i - 1 if i > 0 and toks[i - 1].norm not in OPEN_QUOTES else i - 2  # منصة «سونو»: the word before the quote
    prev = toks[k].norm if k >= 0 else ""
    # a listed namesake takes a whole-number version too (ميدجورني 8), unless the number counts what follows
    number = version.group("v").removeprefix("v").removeprefix("V") if version and version.group("v") else ""
    versioned = version and version.group("v") and (any(e.family for e in models) or (  # ميدجورني V7 as ميدجورني 7
        number.isdigit() and len(number) <= 2 and number_is_version(doc, toks, end, v_end, gz)))
    if versioned or prev in MODEL_WORDS or prev in gz.app_words or (prev in gz.kind_adjectives and not proclitic):
        return next((e for e in models if e.family), models[0]) if version else models[0]
    if prev in gz.use_nouns and not _object_follows(doc.text, end):
        return models[0]
    if (used_by_subject(toks, i, gz) or masculine_subject(toks, i, end, gz) or compared_object(toks, i, gz)) \
            and not _object_follows(doc.text, end):
        return models[0]
    return cands[0]


NEGATIONS = frozenset({"لا", "لم", "لن", "قد"})


def masculine_verb_forms(lemmas) -> frozenset[str]:
    """The third person masculine singular of [perfect, imperfect stem] pairs (تفوق، يتفوق; أجاب، يجيب)."""
    return frozenset(normalize(f).text for perf, imperf in lemmas for f in (perf, "ي" + imperf))


def masculine_subject(toks: list[Token], i: int, end: int, gz: Gazetteer) -> bool:
    """A name the KB lists as both a lab and its model, as the masculine subject of what a model does (answer,
    refuse, outperform, write: ديب سيك يتفوق، رفض ديب سيك الإجابة), is the model or app: news writes a company
    feminine, after the implied شركة (قالت ديب سيك، تفوقت ميسترال في جمع التمويل), and a model masculine, after
    نموذج or تطبيق. Other masculine verbs stay the lab's (DeepSeek يعيد تعريف معايير الإنفاق)."""
    if not gz.behaviour_verbs:
        return False
    k = next((x for x, t in enumerate(toks) if t.start >= end), len(toks))
    if k < len(toks) and toks[k].norm in NEGATIONS:
        k += 1
    if k < len(toks) and not toks[k].clitic and toks[k].norm in gz.behaviour_verbs:
        return True  # SVO: ديب سيك يتفوق، ديب سيك لا يجيب
    return i > 0 and not toks[i - 1].clitic and toks[i - 1].norm in gz.behaviour_verbs  # VSO: ورفض ديب سيك الإجابة


def compared_object(toks: list[Token], i: int, gz: Gazetteer, reach: int = 6) -> bool:
    """A namesake after على that a masculine verb of what models do governs (يتفوق GPT-5 على ديب سيك، تفوق
    النموذج الجديد على ميسترال): a model outdoes models; a company (feminine: تفوقت أوبن إيه آي على ديب سيك)
    outdoes the lab."""
    if not gz.behaviour_verbs or i < 2 or toks[i - 1].norm != "علي" or toks[i - 1].clitic:
        return False
    for p in range(i - 2, max(-1, i - 2 - reach), -1):
        if toks[p].norm in gz.behaviour_verbs and not toks[p].clitic:
            return True
        if not regex.fullmatch(r"[\p{L}\d.\-]+", toks[p].norm) or toks[p].norm in NEGATIONS:
            return False
    return False


def used_by_subject(toks: list[Token], i: int, gz: Gazetteer) -> bool:
    """A namesake that a verb of using takes as object, past its subject (يستخدم الطلاب ديب سيك، استخدم ملايين
    الأشخاص ميسترال): what people use is the product."""
    for p in range(i - 1, max(-1, i - 4), -1):
        if toks[p].norm in gz.use_verbs and not toks[p].clitic:
            return True
        if toks[p].clitic or not regex.fullmatch(r"\p{Arabic}+", toks[p].norm) or toks[p].norm in NEGATIONS:
            return False
    return False


def _object_follows(text: str, end: int) -> bool:
    """The word after a name is a thing the name owns or uses: a model word (نموذجها، لنموذج) or a Latin
    name or number (ديب سيك R1)."""
    m = NEXT_WORD.match(text, end)
    if m is None:
        return False
    w = normalize(m.group(1)).text
    return w[:1].isascii() or any(w.startswith(p + x) for p in ("", "ل", "و") for x in ("نموذج", "نماذج", "تطبيق", "اصدار"))


def _with_proclitic(doc: Document, toks: list[Token], keys: list[str], i: int, gz: Gazetteer, before: list[Mention] = ()):
    """A KB name behind a proclitic the segmenter kept (a rare name: وميسترال = و + ميسترال)."""
    from .segment import DOUBLE_PROCLITICS, PROCLITICS

    w = keys[i]
    for prefix in DOUBLE_PROCLITICS + PROCLITICS:
        if not w.startswith(prefix) or len(w) - len(prefix) < 2:
            continue
        longest = gz.first_len.get(w[len(prefix):], 0)
        # a two-letter rest only as the start of a longer alias (وجي بي تي = و + جي بي تي)
        for j in range(min(len(toks), i + longest), i if len(w) - len(prefix) >= 3 else i + 1, -1):
            key = (w[len(prefix):],) + tuple(keys[i + 1:j])
            start = _skip_letters(doc.text, toks[i].start, len(prefix))
            cands = gz.candidates(key, doc.text[start:toks[j - 1].end])
            if not cands and j == i + 2 and spaced_short_alias_in_context(doc, toks, i, start, list(before), gz):
                cands = gz.candidates(key, visible(doc.text[start:toks[j - 1].end]).replace(" ", ""))  # وأو 3
            if cands:
                return i, j, _choose(cands, doc, toks, i, toks[j - 1].end, gz, proclitic=True), start
    return None


def _skip_letters(text: str, start: int, n: int) -> int:
    """The original index after ``n`` normalised letters (and their diacritics) from ``start``."""
    from .normalize import normalize_char

    i = start
    while n > 0 and i < len(text):
        n -= len(normalize_char(text[i]))
        i += 1
    while i < len(text) and normalize_char(text[i]) == "":
        i += 1
    return i


def _glued_latin(toks: list[Token], i: int) -> bool:
    nxt = toks[i + 1]
    return not toks[i].space_after and toks[i].end == nxt.start and nxt.norm[:1].isascii() and nxt.norm[:1].isalpha()


def _mixed_script(doc: Document, toks: list[Token], i: int, gz: Gazetteer):
    """بaidu: an Arabic letter standing for the Latin one it sounds like."""
    latin = ARABIC_TO_LATIN_INITIAL.get(toks[i].norm)
    if not latin:
        return None
    key = (latin + token_key(toks[i + 1]),)
    entry = gz.lookup(key, latin + toks[i + 1].norm)
    return (i, i + 2, entry) if entry is not None else None


def _specific_model(gz: Gazetteer, surface: str) -> Entry | None:
    """The KB entry a versioned name is listed as, also with a hyphen for the space before its version
    (Claude Opus-4 is the listed Claude Opus 4)."""
    toks = tokenize(normalize(surface))
    found = gz.lookup(tuple(token_key(t) for t in toks), surface)
    spaced = regex.sub(r"(?<=\p{L})-(?=\d)", " ", visible(surface))
    if found is None and spaced != surface:
        found = gz.lookup(tuple(token_key(t) for t in tokenize(normalize(spaced))), spaced)
    return found


@dataclass(frozen=True)
class RuleLexicon:
    org_triggers: "PhraseSet"
    org_triggers_in_name: frozenset[str]
    model_triggers: "PhraseSet"
    person_titles: "PhraseSet"
    stopwords: frozenset[str]
    name_exceptions: frozenset[str]
    name_end_words: frozenset[str]
    cues: frozenset[str]
    prep_cues: frozenset[str]
    max_name_tokens: int
    rare_word_count: int
    common_word_count: int
    org_chains: "OrgChains | None" = None
    org_latin_suffixes: frozenset[str] = frozenset()
    model_name_words: "PhraseSet | None" = None
    model_naming_words: "PhraseSet | None" = None
    org_apposition_heads: frozenset[str] = frozenset()  # الشركة، شركة after "NAME،": the name is a company's
    honorific_verbs: frozenset[str] = frozenset()  # حفظ، رحم: (يـ)حفظه الله is a formula of blessing, no name
    honorific_bare: frozenset[str] = frozenset()  # رضي، صلى: formula verbs that take no pronoun
    model_naming_triggers: "PhraseSet | None" = None  # يدعى، سلسلة: a model only after a model word
    model_number_words: frozenset[str] = frozenset()  # رقم النموذج: a catalogue number
    model_foreign_heads: frozenset[str] = frozenset()  # جزيرة مانوس، صاروخ فالكون 9: no model
    model_foreign_head_fillers: frozenset[str] = frozenset()  # ألبومها الجديد «أوبوس»: between the head and the name
    model_work_heads: frozenset[str] = frozenset()  # أغنية، ألبوم: a one-word model alias after them is a title
    model_generic_terms: frozenset[str] = frozenset()  # casefolded: llm, rag, oled (kinds, not names)
    model_kind_adjectives: frozenset[str] = frozenset()  # اللغوي، التوليدي: نموذج is then an AI model, no "example"
    org_plural_nouns: frozenset[str] = frozenset()
    cue_function_words: frozenset[str] = frozenset()
    org_arabic_suffixes: frozenset[str] = frozenset()
    latin_letter_names: frozenset[str] = frozenset()
    org_list_openers: "PhraseSet | None" = None
    org_list_window: int = 5
    org_triggers_unquoted: frozenset[str] = frozenset()
    org_duals: dict = field(default_factory=dict)  # وزارتا/جامعتي → (وزارة, kind): see dual_heads
    products: "PhraseSet | None" = None  # آيفون، غالاكسي، ويندوز: no entity (product_spellings)
    product_heads: frozenset[str] = frozenset()  # جهاز، هاتف، طائرة: a quoted name after them is a product
    latin_common_words: frozenset[str] = frozenset()  # casefolded: machine, new, times (no person's name)
    latin_common_endings: tuple[str, ...] = ()  # -tion, -ment: an English derived word
    latin_common_first_endings: tuple[str, ...] = ()  # -ing, -ful: no first name (Mindful Being)
    latin_name_heads: frozenset[str] = frozenset()  # تطبيق، ميزة، حملة: a Latin name after them is no person
    index_heads: frozenset[str] = frozenset()  # مؤشر: a name after it is a stock index (مؤشر داو جونز)
    time_words: frozenset[str] = frozenset()  # الجمعة، اليوم، الصباح (dates.json): no family name after a given name
    family_name_followers: frozenset[str] = frozenset()  # إن، قائلا: a frequent ال-word before them may be a family name
    given_names: frozenset[str] = frozenset()  # given_names.txt as given_name_key spells them (نورة، منى)
    ai_product_heads: frozenset[str] = frozenset()  # تطبيق، أداة: a name after them described by AI words is a product
    ai_product_adjectives: frozenset[str] = frozenset()  # وكيلها البرمجي «...»: an AI agent by its adjective alone
    person_nouns: "PhraseSet | None" = None  # اللاعب، الفنانة: a one-word model alias right after them is a name
    ai_words: "PhraseSet | None" = None  # model_topic_words: الذكاء الاصطناعي، نموذج لغوي
    naming_heads: frozenset[str] = frozenset()  # يدعى، اسم: latin_name_heads that name, and may name a person
    startup_adjectives: frozenset[str] = frozenset()  # الناشئة: a name before it is a company's
    acquisition_verbs: frozenset[str] = frozenset()  # استحوذت (على): what they take over is a company
    seat_words: frozenset[str] = frozenset()  # مقرها: a name before it has a seat, an organisation
    parent_bodies: frozenset[str] = frozenset()  # KB ids of bodies whose agencies are named after them (the UN)
    royal_titles: frozenset[str] = frozenset()  # الملك، الأمير، الشيخ: before the name of a body's namesake
    parent_heads: frozenset[str] = frozenset()  # برنامج، صندوق، منظمة: heads of such an agency's name

    @classmethod
    def load(cls, path: Path, cue_forms: frozenset[str] = frozenset(), vocab: Vocabulary | None = None,
             extra_stopwords: frozenset[str] = frozenset(), places: tuple[str, ...] = (),
             time_words: frozenset[str] = frozenset(), given_names: frozenset[str] = frozenset()) -> "RuleLexicon":
        """``places``: KB place names, whose adjectives (الأمريكي from أمريكا) extend organisation chains;
        ``time_words``: one-word day and time expressions of the dates lexicon; ``given_names``: Arabic
        given names as written (given_name_key)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))

        def phrases(key):
            return PhraseSet.of(tuple(t.norm for t in tokenize(normalize(p), vocab)) for p in data.get(key, []))

        def words(key):
            return frozenset(normalize(w).text for w in data.get(key, []))

        chains = OrgChains(
            heads=phrases("org_heads"),
            weak_heads=phrases("org_weak_heads"),
            definite_heads=words("org_definite_heads"),
            definite_heads_nisba=words("org_definite_heads_nisba"),
            domain=phrases("org_domain_words"),
            adjectives=words("org_adjectives"),
            nisba=(place_adjectives(places) | words("org_region_adjectives")) - words("not_place_adjectives"),  # البصري is "visual" first
            announcing=phrases("org_triggers"),
            max_tokens=int(data.get("max_chain_tokens", 7)),
            without_names=words("org_heads_without_names"),
            titles=phrases("person_titles"),
            open_heads=words("org_open_heads"),
            descriptive=words("org_descriptive_adjectives"),
            vague=words("org_vague_adjectives"),
            stop=frozenset(normalize(w).text for w in data["name_stopwords"]),
            vocab=vocab,
            institutions=frozenset("ال" + p[0] for p in (*phrases("org_heads"), *phrases("org_weak_heads"), *phrases("org_triggers"))
                                   if len(p) == 1) | words("org_definite_heads")
            | frozenset(w if w.startswith("ال") else "ال" + w for w in words("org_plural_nouns")) | words("org_coordination_stops"),
            complement_openers=words("org_coordination_complements"),
            field_tails=phrases("org_field_tails"),
            body_fields=words("org_body_fields"),
            portfolio_fields=words("org_portfolio_fields"),
            office_holders=words("org_office_holders"),
            kinds=phrases("org_kind_idafas"),
            kind_adjectives=words("org_kind_adjectives"),
            field_adjectives=words("org_field_adjectives"),
        )

        return cls(
            org_triggers=phrases("org_triggers"),
            org_triggers_in_name=frozenset(normalize(w).text for w in data["org_triggers_in_name"]),
            model_triggers=phrases("model_triggers"),
            person_titles=phrases("person_titles"),
            stopwords=frozenset(normalize(w).text for w in data["name_stopwords"]) | extra_stopwords,
            name_exceptions=frozenset(normalize(w).text for w in data.get("name_stopword_exceptions", [])),
            name_end_words=frozenset(normalize(w).text for w in data.get("name_end_words", [])),
            cues=cue_forms,
            prep_cues=frozenset(normalize(w).text for w in data.get("prep_cues", [])),
            max_name_tokens=int(data["max_name_tokens"]),
            rare_word_count=int(data["rare_word_count"]),
            common_word_count=int(data.get("common_word_count", 1500)),
            org_chains=chains,
            org_latin_suffixes=frozenset(w.casefold() for w in data.get("org_latin_suffixes", [])),
            model_name_words=phrases("model_name_words"),
            model_naming_words=phrases("model_naming_words"),
            org_apposition_heads=words("org_apposition_heads"),
            honorific_verbs=words("honorific_verbs") | words("honorific_bare_verbs"),
            honorific_bare=words("honorific_bare_verbs"),
            model_naming_triggers=phrases("model_naming_triggers"),
            model_number_words=words("model_number_words"),
            model_foreign_heads=words("model_foreign_heads"),
            model_foreign_head_fillers=words("model_foreign_head_fillers"),
            model_work_heads=words("model_work_heads"),
            model_generic_terms=frozenset(w.casefold() for w in data.get("model_generic_terms", [])),
            model_kind_adjectives=words("model_kind_adjectives"),
            org_plural_nouns=words("org_plural_nouns"),
            cue_function_words=words("cue_function_words"),
            org_arabic_suffixes=words("org_arabic_suffixes"),
            latin_letter_names=words("latin_letter_names"),
            org_list_openers=phrases("org_list_openers"),
            org_list_window=int(data.get("org_list_window", 5)),
            org_duals=dual_heads(data),
            org_triggers_unquoted=words("org_triggers_unquoted"),
            products=PhraseSet.of(product_spellings(data.get("product_names", []), vocab)),
            product_heads=words("product_heads"),
            latin_common_words=frozenset(w.casefold() for w in data.get("latin_common_words", [])),
            latin_common_endings=tuple(sorted(w.casefold() for w in data.get("latin_common_endings", []))),
            latin_common_first_endings=tuple(sorted(w.casefold() for w in data.get("latin_common_first_endings", []))),
            latin_name_heads=words("latin_name_heads"),
            index_heads=words("name_index_heads"),
            time_words=time_words,
            family_name_followers=words("family_name_followers"),
            given_names=frozenset(given_name_key(w) for w in given_names),
            ai_product_heads=possessed_forms(words("ai_product_heads")),
            ai_product_adjectives=words("ai_product_adjectives"),
            person_nouns=phrases("person_role_nouns"),
            ai_words=phrases("model_topic_words"),
            naming_heads=words("naming_heads"),
            startup_adjectives=words("startup_adjectives"),
            acquisition_verbs=release_verb_forms(map(tuple, data.get("acquisition_verbs", ()))),
            seat_words=words("seat_words"),
            parent_bodies=frozenset(data.get("org_parent_bodies", [])),
            royal_titles=words("royal_titles"),
            parent_heads=frozenset(p[0] for p in (*phrases("org_heads"), *phrases("org_weak_heads"), *phrases("org_triggers"))
                                   if len(p) == 1) | words("org_agency_heads"),
        )


def product_spellings(names, vocab: Vocabulary | None = None) -> set[tuple[str, ...]]:
    """Case-folded token keys of product names and their generated Arabic spellings: a spaced name
    also joined (آي فون → آيفون, بلاي ستيشن → بلايستيشن) and the Latin g written ج or غ (غالاكسي،
    جالاكسي), since news writes both."""
    out = set()
    for name in names:
        base = normalize(name).text
        forms = {base}
        if ARABIC_START.match(base) and " " in base:
            forms.add(base.replace(" ", ""))
        forms |= {f.translate(G_SWAP) for f in forms if ARABIC_START.match(f)}
        for f in sorted(forms):
            key = tuple(t.norm.casefold() for t in tokenize(normalize(f), vocab))
            if key:
                out.add(key)
    return out


G_SWAP = str.maketrans({"غ": "ج", "ج": "غ"})


def dual_forms(lemma: str) -> tuple[str, ...]:
    """Normalised dual forms of a one-word noun, nominative and oblique: وزارة → وزارتا/وزارتي,
    مجلس → مجلسا/مجلسي."""
    w = normalize(lemma).text
    stem = w[:-1] + "ت" if w.endswith("ه") else w
    return stem + "ا", stem + "ي"


def dual_heads(data: dict) -> dict[str, tuple[str, str]]:
    """Dual form → (singular as written, kind) for the one-word organisation words of tagger.json:
    "chain" for head nouns (وزارتا الصحة والتعليم), "weak" for weak heads, "in_name" for words that are part of the name
    (جامعتي ستانفورد وهارفارد), "announce" for words that only announce it (شركتي فيليبس وسيمنز).
    A head that also announces names keeps both readings (kind "announce+chain"). Plurals and
    person words (مؤسس: مؤسسي شركة X are its founders) have no organisation dual."""
    people = {normalize(w).text for w in data.get("person_titles", [])}
    kinds: dict[str, set[str]] = {}
    for key, kind in (("org_heads", "chain"), ("org_weak_heads", "weak"), ("org_triggers_in_name", "in_name"),
                      ("org_triggers", "announce")):
        for lemma in data.get(key, []):
            w = normalize(lemma).text
            if " " not in lemma.strip() and not w.endswith("ات") and w not in people:
                kinds.setdefault(lemma.strip(), set()).add(kind)
    out = {}
    for lemma in sorted(kinds):
        kind = "+".join(sorted(kinds[lemma]))
        for form in dual_forms(lemma):
            out.setdefault(form, (lemma, kind))
    return out


@dataclass(frozen=True)
class OrgChains:
    """Head nouns and the words their genitive chain may hold (tagger.json, "_comment_org_chains")."""

    heads: "PhraseSet"
    weak_heads: "PhraseSet"
    definite_heads: frozenset[str]
    definite_heads_nisba: frozenset[str]
    domain: "PhraseSet"
    adjectives: frozenset[str]
    nisba: frozenset[str]
    announcing: "PhraseSet"
    max_tokens: int = 7
    without_names: frozenset[str] = frozenset()
    titles: "PhraseSet | None" = None
    open_heads: frozenset[str] = frozenset()  # وزارة، هيئة: any common noun in the genitive names one
    descriptive: frozenset[str] = frozenset()  # الرسمية: says what the body is like, no part of its name
    vague: frozenset[str] = frozenset()  # المنظمة الدولية alone refers back to a body named before
    stop: frozenset[str] = frozenset()
    vocab: "Vocabulary | None" = None
    common_count: int = 20
    institutions: frozenset[str] = frozenset()  # السفارة، الشرطة، المجلس، الثاني: another body or an ordinal, no field after و
    complement_openers: frozenset[str] = frozenset()  # بعدم: والتعهد بعدم is a clause, no field
    field_tails: "PhraseSet | None" = None  # عن بعد: التعليم عن بعد is one field
    body_fields: frozenset[str] = frozenset()  # الشعب، الدولة: مجلس الشعب, but ورغبة الشعب joins no field
    portfolio_fields: frozenset[str] = frozenset()  # الشؤون: after ل a deputy's portfolio, not the body's name
    office_holders: frozenset[str] = frozenset()  # ولي: مكتب ولي العهد السعودي is a person's office
    kind_adjectives: frozenset[str] = frozenset()  # الخيرية، التنظيمية: say what kind of body, not which
    field_adjectives: frozenset[str] = frozenset()  # الإلكتروني: descriptive of a body, but a field's after one
    kinds: "PhraseSet | None" = None  # وكالة الأنباء: a head and field that only say what kind of body it is


def nisba_shaped(w: str, stop: frozenset[str]) -> bool:
    """A definite relational adjective (المائية، السيادي، الكيميائية) that may close an
    organisation's chain after one of its members."""
    return w.startswith("ال") and len(w) >= 5 and w.endswith(("ي", "يه")) and w not in stop


PARTICIPLE_PREPOSITIONS = frozenset({"علي", "عن", "ب", "من", "الي"})  # normalised على، إلى


def common_noun(w: str, ch: OrgChains) -> bool:
    """Attested at least ``common_count`` times, itself or, for a feminine sound plural, its singular
    (براءات from براءة): the word counts hold fewer plurals than the nouns are used."""
    if ch.vocab.count(w) >= ch.common_count:
        return True
    return len(w) >= 5 and w.endswith("ات") and ch.vocab.count(w[:-2] + "ه") >= ch.common_count


def derived_participle(base: str) -> bool:
    """A masculine participle of a derived verb without the article, by its pattern: مُتفعِّل/مُتفاعِل
    (متقدم، متطور، متكامل), مُفتعِل (مختلف، منتظر), مُستفعِل (مستدام، مستقل). مُفاعِلة and مُفعِّل are left
    out: they are as often verbal nouns or nouns of place (المساعدة، المكتب)."""
    if not base.startswith("م") or not 5 <= len(base) <= 6:
        return False
    return base[1] == "ت" or base.startswith("مست") or (len(base) == 5 and base[2] == "ت")


def field_participle(norms: list[str], toks: list[Token], k: int, ch: OrgChains, head_feminine: bool | None) -> bool:
    """A definite participle of a derived verb at k (المتقدمة، المتجدد) that describes the chain's definite
    member before it, so that it is part of the name (مجلس أبحاث التكنولوجيا المتقدمة). It must agree in
    gender with that member and not with the head noun, which it would otherwise describe as the sentence's
    (اجتماع مجلس الأمن المرتقب، وزارة الصحة المختصة); descriptive and vague adjectives are the sentence's too.
    A feminine member ends in ة, ات or يا (التكنولوجيا); a broken plural (الأبحاث) is read as masculine, so its
    feminine adjective is left out."""
    w, member = norms[k], norms[k - 1]
    if head_feminine is None or ch.vocab is None or toks[k].clitic or toks[k - 1].clitic or not member.startswith("ال"):
        return False
    if not w.startswith("ال") or w in ch.descriptive or w in ch.vague or w in ch.stop:
        return False
    feminine = w.endswith("ه")
    if ch.vocab.count(w) + ch.vocab.count(w[:-1] if feminine else w + "ه") < ch.common_count:
        return False  # an adjective: its two genders together are common (المتكامل is rarer than المتكاملة)
    if not derived_participle(w[2:-1] if feminine else w[2:]):
        return False
    return feminine == member.endswith(("ه", "ات", "يا")) and feminine != head_feminine


def own_adjective(norms: list[str], k: int, j: int, ch: OrgChains) -> bool:
    """A relational adjective at k that may go on a definite head's name after its own adjectives (الحزب
    الديمقراطي الكردستاني، البنك المركزي الفنزويلي): it agrees with the head (at j - 1) in gender, so it
    describes no noun before it (قرارات البنك المركزي المفاجئة), and is no participle (لحزب الجمهوري المنتمي
    ترمب إليه), which the normalised ي of its last root letter makes look relational. Its other gender is
    attested in the word counts: a noun of the same shape has none (المنظمة الدولية الأولوية: priority)."""
    w = norms[k]
    feminine = w.endswith("ه")
    if ch.vocab is None or ch.vocab.count(w[:-1] if feminine else w + "ه") == 0:
        return False
    return feminine == norms[j - 1].endswith("ه") and not derived_participle(w[2:-1] if feminine else w[2:])


def coordinated_adjective(w: str, norms: list[str], toks: list[Token], k: int, ch: OrgChains) -> bool:
    """A relational adjective ``w`` at k joined by و to the relational adjective that ends the chain before
    it (للإعلام السمعي والبصري): both describe the same field, so they agree in gender and are adjectives
    (one at least is attested in its other gender). Field words (الخارجية والداخلية are two bodies) and place adjectives
    (الأمريكية والإسرائيلية: two countries' bodies) are left out."""
    p = k - 2 if toks[k - 1].clitic else k - 1
    prev = norms[p]
    if ch.vocab is None or toks[k].clitic or toks[p].clitic:
        return False
    for x in (prev, w):
        if not nisba_shaped(x, ch.stop | ch.descriptive) or x in ch.nisba or x in ch.adjectives or match_phrase([x], 0, ch.domain):
            return False
    if not any(ch.vocab.count(x[:-1] if x.endswith("ه") else x + "ه") for x in (prev, w)):
        return False  # neither is seen in its other gender: nouns of the shape (الأولوية، الأهمية)
    return prev.endswith("ه") == w.endswith("ه")


def field_before_place_adjective(norms: list[str], toks: list[Token], k: int, ch: OrgChains, glued: bool = False) -> bool:
    """A definite noun at k that a place adjective follows (والريادة الأردنية): after a field joined by و,
    a country's adjective says the whole chain is the body's name, so the noun is taken even when it is
    too rare in the word counts for ``open_member``. ``glued``: the token still holds its و, which the
    segmenter leaves on a rare word."""
    w = norms[k][1:] if glued and norms[k].startswith("و") else norms[k]
    return (k + 1 < len(norms) and not toks[k].clitic and not toks[k + 1].clitic and norms[k + 1] in ch.nisba
            and regex.fullmatch(r"ال\p{Arabic}{3,}", w) is not None and w not in ch.stop and w not in ch.institutions
            and not (ch.titles is not None and match_phrase(norms, k, ch.titles)))


def open_member(norms: list[str], toks: list[Token], k: int, ch: OrgChains) -> int:
    """Tokens of the first genitive member after an open head (0 if none): a common definite noun
    (وزارة النفط، هيئة الترفيه) or an indefinite noun and a definite one (هيئة سلامة الأغذية، منظمة
    حظر الأسلحة). Common means attested at least ``common_count`` times in the word counts, so a rare
    word (a name) or a misspelling is not taken; function words and titles are not members."""
    if ch.vocab is None or k >= len(norms) or toks[k].clitic:
        return 0

    def noun(x, definite):
        w = norms[x]
        return (regex.fullmatch(r"\p{Arabic}{3,}", w) is not None and w.startswith("ال") == definite and w not in ch.stop
                and common_noun(w, ch) and not toks[x].clitic
                and not (ch.titles is not None and match_phrase(norms, x, ch.titles)))

    if noun(k, True) and len(norms[k]) >= 5:
        return 1
    if k + 1 < len(norms) and noun(k, False) and noun(k + 1, True) and len(norms[k + 1]) >= 5 and toks[k].space_after \
            and not (nisba_shaped(norms[k + 1], frozenset()) and not norms[k].endswith("ه")):
        return 2  # وكالة إنترفاكس الروسية is a name and its adjective; هيئة مراقبة الخصوصية an idafa
    return 0


def coordinated_member(toks: list[Token], norms: list[str], k: int, ch: OrgChains, named: frozenset[int]) -> int:
    """Tokens of a field joined to an organisation's name by the و before token k (0 if none): وزارة الحج
    والعمرة، هيئة الرقابة والتحقيق، وزارة الخارجية والمغتربين. The field is a common definite noun
    (``open_member``) that is no other body or its plural (``institutions``, the heads with ال: بين وزارة الخارجية
    والسفارة، وزارة الدفاع والشرطة) and starts no name the KB knows (والمصرف المركزي، والإنتربول). The words
    after it bound a sentence's coordination: a preposition that opens the noun's own complement
    (``complement_openers``: وزارة الدفاع والتعهد بعدم) or a plain definite adjective (وزارة الصحة والمستشفيات
    الخاصة تعاني، والحلول المقترحة) say the noun is the sentence's, not the name's; a relational adjective is
    the name's (والخدمات الإنسانية). على، عن، ب bound nothing: they follow the verb of a subject (أعلنت … عن)."""
    if k >= len(norms) or k in named or (norms[k] in ch.institutions and not (
            k + 1 < len(norms) and not toks[k + 1].clitic and norms[k + 1] in ch.field_adjectives)):
        return 0  # not والحكومة, but والحكومة الإلكترونية: e-government is a field
    if open_member(norms, toks, k, ch) != 1 and not field_before_place_adjective(norms, toks, k, ch):
        return 0
    q = k + 1
    if q < len(norms) and norms[q].startswith("ال") and not toks[q].clitic and not match_phrase(norms, q, ch.domain) \
            and norms[q] not in ch.adjectives and norms[q] not in ch.nisba and norms[q] not in ch.stop \
            and not nisba_shaped(norms[q], ch.stop):
        return 0  # والمستشفيات الخاصة، والحلول المقترحة: a common noun and its description
    if q < len(norms) and norms[k].startswith("الم") and norms[k].endswith("ه") and norms[q] in PARTICIPLE_PREPOSITIONS:
        return 0  # والمشرفة على، والمصنفة على: a participle and its complement describe the body
    while q < len(norms) and not toks[q].clitic and (norms[q] in ch.adjectives or norms[q] in ch.nisba
                                                      or nisba_shaped(norms[q], ch.stop | ch.descriptive)):
        q += 1
    if q < len(norms) and norms[q] in ch.complement_openers and not (ch.field_tails and match_phrase(norms, q, ch.field_tails)):
        return 0
    return 1


def short_member_before_field(toks: list[Token], norms: list[str], k: int, ch: OrgChains, named: frozenset[int]) -> bool:
    """A four-letter definite noun (الحج) that ``open_member`` leaves out as too short to tell from a
    function word, taken after an open head when a field is joined to it by و (وزارة الحج والعمرة)."""
    if ch.vocab is None or k + 2 >= len(norms) or toks[k].clitic or k in named:
        return False
    w = norms[k]
    if len(w) != 4 or not w.startswith("ال") or w in ch.stop or ch.vocab.count(w) < ch.common_count or w in ch.institutions:
        return False
    return (toks[k + 1].clitic and norms[k + 1] == "و" and toks[k + 1].end == toks[k + 2].start
            and norms[k + 2].startswith("ال") and coordinated_member(toks, norms, k + 2, ch, named) == 1)


def place_adjectives(places) -> frozenset[str]:
    """Relative adjectives (nisba) of one-word place names, masculine and feminine, with the
    article: أمريكا → الامريكي/الامريكيه, الصين → الصيني, السعودية → السعودي, قطر → القطري."""
    out = set()
    for name in places:
        w = normalize(name).text
        if " " in w or not regex.fullmatch(r"\p{Arabic}{3,}", w):
            continue
        stem = w[2:] if name.startswith("ال") else w  # the article, not أل of ألمانيا
        if stem.endswith("يه"):
            stem = stem[:-2]
        elif stem.endswith(("ا", "ه")):
            stem = stem[:-1]
        elif stem.endswith("ي"):
            continue
        adj = stem if stem.endswith("ي") else stem + "ي"  # ألمانيا → ألماني, أمريكا → أمريكي
        if len(stem) >= 2:
            out.update({"ال" + adj, "ال" + adj + "ه"})
    return frozenset(out)


def match_phrase(norms: list[str], i: int, phrases: "PhraseSet") -> int:
    """Length of the longest phrase starting at token i (0 if none)."""
    if i >= len(norms):
        return 0
    for p in phrases.by_first.get(norms[i], ()):
        if tuple(norms[i:i + len(p)]) == p:
            return len(p)
    return 0


@dataclass(frozen=True)
class PhraseSet:
    """Token phrases indexed by their first token. Iteration and each group run longest
    first, then in code-point order: never the order of a set, which changes with the
    process's hash seed (the first title a caller finds must be the longest one)."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    ordered: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, phrases) -> "PhraseSet":
        ordered = tuple(sorted({p for p in phrases if p}, key=lambda p: (-len(p), p)))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in ordered:
            by_first.setdefault(p[0], []).append(p)
        return cls({k: tuple(v) for k, v in by_first.items()}, ordered)

    def __iter__(self):
        return iter(self.ordered)


V_VERSION = regex.compile(r"[vV]\d+(?:\.\d+)*")


def v_version_after(toks: list[Token], k: int) -> int:
    """1 when token k is a version written with a small v (v3, v2.5) apart from the name before it: part of
    a model's name (Eleven v3), though a name never starts with one (is_latin_name needs a capital or digit)."""
    return int(0 < k < len(toks) and toks[k - 1].end < toks[k].start and V_VERSION.fullmatch(toks[k].norm) is not None)


def is_latin_name(tok: Token) -> bool:
    return bool(LATIN_NAME_START.match(tok.norm))


LOWERCASE_MODEL_ID = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+\d[a-z0-9.]*")


def is_model_id(tok: Token) -> bool:
    """A capitalised Latin name, or a lowercase identifier with a digit or hyphen (o5، gpt-realtime،
    whisper-1): model ids are often written in lower case, and a model word before them says what
    they are. A plain lowercase word (نموذج transformer) names a kind, and a version alone (v3) nothing."""
    return is_latin_name(tok) or (bool(LOWERCASE_MODEL_ID.fullmatch(tok.norm)) and not V_VERSION.fullmatch(tok.norm))


def is_arabic_name(tok: Token, lex: RuleLexicon, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """An Arabic token that can be part of a proper name: rare in news, or a known first name,
    and not shaped like a common word (شركة نفطية، منصة مراسلة)."""
    w = tok.norm
    if tok.clitic or not regex.fullmatch(r"\p{Arabic}{2,}", w) or w in lex.stopwords or w in lex.cues:
        return False
    if w in names:
        return True
    if w.startswith("ال") and not tok.text.startswith(("أل", "إل")):
        return False  # the article; أل/إل with a hamza start a foreign name (ألاموس، إلينوي)
    if any(w.endswith(p) and (vocab.count(w[:-len(p)]) >= 20 or (w[:-len(p)].endswith("ت") and vocab.count(w[:-len(p) - 1] + "ه") >= 20))
           for p in PRONOUN_SUFFIXES + ("ه",) if len(w) - len(p) >= 2):
        return False  # غيرها، شركاتهم، إدارتها، خارجيتها: a word with a pronoun suffix (ة written ت before it)
    if len(w) >= 5 and w.endswith("ك") and vocab.count(w[:-1]) >= 100:
        return False  # موقع هاتفك، حسابك: "your", on a common noun (not مالك، تيك)
    if len(w) >= 6 and w.endswith("ا") and vocab.count(w[:-1]) >= 20:
        return False  # برنامجا: the accusative of a common noun
    if imperfect_verb(w, vocab) or future_verb(w, vocab):
        return False  # شركة تختص بـ، مجموعة تستكشف، محكمة لاهاي سترد: a verb that describes the body
    if joined_perfect_verb(w, vocab):
        return False  # كبنك وجذبت المستثمرين: و + a verb the segmenter left joined
    return vocab.count(w) <= lex.rare_word_count and not common_shaped(w, vocab)


def joined_perfect_verb(w: str, vocab: Vocabulary) -> bool:
    """و/ف + a feminine perfect verb whose imperfect news uses (وجذبت: يجذب، تجذب), which the segmenter
    left as one word because the whole is rare. A name in و…ت has no such imperfect (وايت، ويست)."""
    if len(w) < 5 or w[0] not in "وف" or not w.endswith("ت"):
        return False
    stem = w[1:-1]
    return vocab.count(w[1:]) >= 3 and vocab.count("ي" + stem) + vocab.count("ت" + stem) >= 20


def imperfect_verb(w: str, vocab: Vocabulary) -> bool:
    """An imperfect verb: ت/ي + stem where the other person's form is attested too (تعزز/يعزز), or
    the pattern of a derived verb; a name that starts with the letter has neither (توتال، يونيليفر، تيتان)."""
    if len(w) < 4 or w[0] not in "يت":
        return False
    if len(w) >= 6 and w.startswith(("يت", "تت")) and w.endswith("ون"):
        return True  # يتقدمون: the plural of a form V/VI imperfect
    if (w[1:3] == "ست" and len(w) >= 5) or (len(w) in (4, 5) and w[2] == "ت" and w[1] not in "اويء"):
        return True  # تستكشف (استفعل), تختص، ينتشر (افتعل): the pattern says verb
    return vocab.count(("ي" if w[0] == "ت" else "ت") + w[1:]) >= 3


def common_shaped(w: str, vocab: Vocabulary) -> bool:
    """A word news uses as a common noun or adjective: its article form is frequent next to it
    (نفطية/النفطية، تأهيل/التأهيل), or it is a feminine form whose article form or masculine base
    is attested (مراسلة، طوعية). Foreign names do not take the article (فيليبس، ستانفورد)."""
    al = vocab.count("ال" + w)
    if w.endswith("ه") and (al >= 3 or vocab.count(w[:-1]) >= 20 or participle_shaped(w)):
        return True
    return al >= 2 and 4 * al >= vocab.count(w)


def participle_shaped(w: str) -> bool:
    """A feminine participle or verbal noun of a derived verb, by its pattern: مُفاعِلة (مغايرة،
    مراسلة), مُتفعِّلة/مُتفاعِلة (متطورة، متشابهة), مُفتعِلة (مختلفة، منتشرة), مُستفعِلة (مستقلة).
    The word counts miss many of them; a foreign name seldom has this shape."""
    if not (w.startswith("م") and w.endswith("ه")) or not 5 <= len(w) <= 7:
        return False
    return (len(w) == 6 and w[2] == "ا") or w[1] == "ت" or (len(w) == 6 and w[2] == "ت") or w.startswith("مست")


def place_spans(doc: Document, toks: list[Token]) -> dict[int, int]:
    """First token → end token of each KB place mention (الصين، هونغ كونغ)."""
    first = {t.start: i for i, t in enumerate(toks)}
    out = {}
    for m in doc.mentions:
        if m.type == "LOC" and m.source == "kb" and m.start in first:
            i = first[m.start]
            j = i
            while j < len(toks) and toks[j].end <= m.end:
                j += 1
            out[i] = j
    return out


def org_chain(toks: list[Token], norms: list[str], j: int, ch: OrgChains, name_at, places: dict[int, int],
              take_name: bool, definite: bool, take_place: bool = True, split_and: bool = False,
              open_head: bool = False, named: frozenset[int] | None = None,
              head_feminine: bool | None = None) -> tuple[int, bool, int]:
    """The genitive chain of an organisation's head noun ending at token j: (end token, whether it
    holds a place, name or adjective, number of field nouns). See tagger.json "_comment_org_chains".
    ``split_and``: و ends the chain (after a dual head it starts the second organisation).
    ``open_head``: the head takes any common noun as its first member (``open_member``).
    ``named``: tokens where a KB name starts, or None when no field may be joined by و beyond the
    field words (``coordinated_member``); each joined field has ``max_tokens`` of its own.
    ``head_feminine``: the head noun's gender, which lets a participle describe the last field
    (``field_participle``); None takes none."""
    n = len(toks)
    k = end = base = j
    strong, fields, named_end = False, 0, -1
    l_member = False  # a definite head's open member after ل was taken (الوكالة الدولية لأبحاث السرطان)
    while k < min(n, base + ch.max_tokens):
        t = toks[k]
        after_l = k > j and toks[k - 1].clitic and norms[k - 1] == "ل"
        if ch.titles is not None and match_phrase(norms, k, ch.titles):
            break  # مجلس الوزراء وزير الدفاع: a person's title starts a new phrase
        after_and = k > j and toks[k - 1].clitic and norms[k - 1] == "و"
        if k in places and not definite and not after_l and not after_and and take_place:  # مجلس الأمن والجزائر: two
            k = end = places[k]
            strong, named_end = True, end
            continue
        if t.clitic:
            if split_and and norms[k] == "و":
                break
            if norms[k] == "و" and k + 1 < n and (match_phrase(norms, k + 1, ch.heads) or match_phrase(norms, k + 1, ch.weak_heads)
                                                  or "ال" + norms[k + 1] in ch.institutions):
                break  # وزارة التجارة ووزارة العمل، منظمة الصحة ووزارات الصحة: the next body
            if norms[k] in ("و", "ل") and k > j and k + 1 < n and t.end == toks[k + 1].start:
                k += 1  # وتكنولوجيا المعلومات، لبحوث الحوسبة: the chain goes on if the next word fits
                base = k if norms[k - 1] == "و" and k == end + 1 else base
                continue
            break
        d = match_phrase(norms, k, ch.domain)
        if d and after_l and not definite and norms[k] in ch.portfolio_fields:
            break  # وكيل وزارة الاقتصاد للشؤون الاقتصادية: ل + الشؤون names the deputy's portfolio
        if d and (not definite or after_l):
            k = end = k + d
            fields += 1
            continue
        d = match_phrase(norms, k, ch.field_tails) if ch.field_tails is not None and fields and k == end else 0
        if d:
            k = end = k + d  # العمل عن بعد، التعليم عن بعد: the field's own adverb
            continue
        if (norms[k] in ch.adjectives or norms[k] in ch.nisba) and (definite or k > j):
            k = end = k + 1
            strong = True
            continue
        if (not definite or fields or (strong and own_adjective(norms, k, j, ch))) and end > j and k == end \
                and nisba_shaped(norms[k], ch.stop | (ch.descriptive - ch.field_adjectives if fields else ch.descriptive)) \
                and not t.clitic:  # after a field, التعليم الإلكتروني is the field's (not the body's description)
            k = end = k + 1  # وزارة الموارد المائية، الهيئة العامة للطيران المدني، الحزب الديمقراطي الكردستاني
            continue
        if not definite and end > j and k == end and field_participle(norms, toks, k, ch, head_feminine):
            k = end = k + 1  # مجلس أبحاث التكنولوجيا المتقدمة
            continue
        if definite and after_l and norms[j] in ch.adjectives and end == j + 1 and k == j + 2:
            g = open_member(norms, toks, k, ch)  # الوكالة الدولية لأبحاث السرطان، الاتحاد الدولي لكرة القدم
            if g:
                k = end = k + g
                l_member = True
                while k < n and not toks[k].clitic and nisba_shaped(norms[k], ch.stop | ch.descriptive):
                    k = end = k + 1  # اللجنة الدولية للتغير المناخي
                continue
        if end > j + 1 and ((definite and after_and and k == end + 1 and coordinated_adjective(norms[k], norms, toks, k, ch))
                            or (k == end and norms[k].startswith("وال") and coordinated_adjective(norms[k][1:], norms, toks, k, ch))):
            k = end = k + 1  # الهيئة العامة للإعلام السمعي والبصري (its و split off or left on it by the segmenter;
            continue  # after an indefinite head a split و is ``coordinated_member``'s, which counts a field)
        if definite and after_and and l_member and k == end + 1 and coordinated_member(toks, norms, k, ch, frozenset()):
            k = end = k + 1  # المفوضية الوطنية للمعلوماتية والحريات: a second field after the one behind ل
            fields += 1
            continue
        if definite:
            break
        if (named is not None and k == end + 1 and end > j and end != named_end and toks[k - 1].clitic
                and norms[k - 1] == "و" and norms[k].startswith("ال")):  # not after a place or name: اتحاد الجزائر والقوة الجوية
            if coordinated_member(toks, norms, k, ch, named):  # وزارة الخارجية والمغتربين، هيئة الطرق والمواصلات
                k = end = k + 1
                fields += 1
                continue
            break
        if (named is not None and k == end and end > j and end != named_end and k not in named and norms[k].startswith("وال")
                and field_before_place_adjective(norms, toks, k, ch, glued=True)):
            k = end = k + 1  # وزارة الاقتصاد الرقمي والريادة الأردنية: a rare field, its و left on it
            fields += 1
            continue
        if open_head and k == j:
            g = open_member(norms, toks, k, ch)
            if not g and named is not None and short_member_before_field(toks, norms, k, ch, named):
                g = 1  # وزارة الحج والعمرة: a four-letter noun, but a field joined to it says it is one
            if g:
                k = end = k + g
                fields += 1
                continue
        if take_name and k == j:
            run = name_at(k)
            if run:
                k = end = k + run
                strong, named_end = True, end
                continue
        if k == j and not open_head and head_feminine is not None and k + 1 < n and not toks[k + 1].clitic \
                and norms[k + 1] in ch.adjectives and norms[k].startswith("ال") and not nisba_shaped(norms[k], ch.stop) \
                and norms[k][2:] not in ch.office_holders and norms[k] not in ch.institutions and common_noun(norms[k], ch) \
                and not (norms[j - 1] in ch.without_names and norms[j - 1] in ch.weak_heads.by_first):  # إدارة المنتجات
            # العالمية: a department of a company
            k = end = k + 2  # بنك التسويات الدولية، مركز الأبحاث الوطني: a common noun the body's adjective names
            strong = True
            continue
        if k == j and not open_head and head_feminine is not None and k + 2 < n and not toks[k + 2].clitic \
                and (norms[k + 2] in ch.nisba or (norms[k + 2] in ch.adjectives and norms[k + 2] not in ch.vague)) \
                and norms[k + 2].endswith("ه") == head_feminine and norms[k + 1] not in ch.institutions \
                and norms[k] not in ch.office_holders and open_member(norms, toks, k, ch) == 2:
            k = end = k + 2  # مكتب براءات الاختراع الأمريكي: an idafa of common nouns, named by the head's adjective
            fields += 1  # after it (مركز تسليم العقود الأميركية: the contracts are American, no body is named)
            continue
        if (regex.fullmatch(r"\p{Arabic}{3,}", norms[k]) and not norms[k].startswith("ال")
                and (norms[k] not in ch.stop or not strong)  # هيئة الرقابة على الغذاء; not حزب … الديمقراطي على التلفزيون
                and k + 1 < n and not toks[k + 1].clitic and match_phrase(norms, k + 1, ch.domain)
                and not (after_and and norms[k + 1] in ch.body_fields)):  # مجلس الأمن ورغبة الشعب: no field
            k += 1  # the first member of an idafa: تكنولوجيا المعلومات، بحوث الحوسبة
            fields += 1
            continue
        break
    return end, strong, fields


def org_chain_mention(toks: list[Token], norms: list[str], i: int, ch: OrgChains, name_at,
                      places: dict[int, int], named: frozenset[int] = frozenset()) -> int:
    """End token of an organisation named by its head noun at token i (i when there is none).
    ``named``: tokens where a KB name starts (no field joined by و there). After بين the و joins the
    two sides (بين وزارة الخارجية والهيئة), so only field words go on there."""
    if norms[i] in ch.definite_heads:
        end, strong, fields = org_chain(toks, norms, i + 1, ch, name_at, places, False, True)
        first = norms[i + 1] if i + 1 < len(norms) else ""
        if end == i + 2 and first in ch.vague:
            return i  # المنظمة الدولية، الوكالة العامة: a reference back, no name
        if end > i + 1 and (first in ch.adjectives or (first in ch.nisba and norms[i] in ch.definite_heads_nisba)):
            return end
        if end > i + 2 and first in ch.nisba and fields:
            return end  # الأكاديمية السعودية للذكاء الاصطناعي: a place adjective and a field after ل name the body
        return relational_then_place(toks, norms, i, ch)
    k, weak = match_phrase(norms, i, ch.heads), False
    if not k:
        k, weak = match_phrase(norms, i, ch.weak_heads), True
    if not k:
        return i
    own = norms[i] not in ch.without_names  # مكتب برلين is an office, not an organisation
    take_name = match_phrase(norms, i, ch.announcing) != k and own
    between = i > 0 and norms[i - 1] == "بين"
    end, strong, fields = org_chain(toks, norms, i + k, ch, name_at, places, take_name, False, take_place=own,
                                    open_head=norms[i] in ch.open_heads and k == 1, named=None if between else named,
                                    head_feminine=norms[i].endswith(("ه", "ات")))
    if end > i + k and (strong or fields >= (2 if weak and norms[i] not in ch.open_heads else 1)):
        if not strong and ch.kinds is not None and match_phrase(norms, i, ch.kinds) == end - i:
            return i  # وكالة الأنباء، وكالة الفضاء alone: the kind of body (a news agency), named by what follows
        return end
    return i


def relational_then_place(toks: list[Token], norms: list[str], i: int, ch: OrgChains) -> int:
    """End token of a definite head named by a relational adjective and a place adjective, both of the
    head's gender (الصندوق السيادي النرويجي، المجلس العسكري السوداني), else i. The place adjective is
    what makes it one body: الصندوق السيادي alone is any such fund, a descriptive adjective
    (الرسمي، السنوي), one of a kind of body (الجمعية الخيرية البريطانية: a British charity, named after it;
    ``org_kind_adjectives``) or one of the other gender names none."""
    n = len(norms)
    if i + 2 >= n or toks[i + 1].clitic or toks[i + 2].clitic:
        return i
    first, place = norms[i + 1], norms[i + 2]
    feminine = norms[i].endswith("ه")
    if not (nisba_shaped(first, ch.stop | ch.descriptive | ch.kind_adjectives) and first not in ch.vague
            and first not in ch.nisba and place in ch.nisba and first.endswith("يه") == feminine
            and place.endswith("يه") == feminine):
        return i
    e = i + 3
    while e < n and not toks[e].clitic and norms[e] in ch.nisba and norms[e].endswith("يه") == feminine:
        e += 1  # البنك العقاري المصري العربي، الجمعية الطبية السورية الأميركية
    return e


DUAL_ADJECTIVE = {True: regex.compile(r"(ال\p{L}+ي)(?:تين|تان)"), False: regex.compile(r"(ال\p{L}+ي)(?:ين|ان)")}


def dual_org_members(doc: Document, toks: list[Token], norms: list[str], i: int, lex: "RuleLexicon", vocab: Vocabulary,
                     name_at, places: dict[int, int]) -> list[tuple[int, int, str | None]]:
    """(start, end, canonical) of the two organisations a dual head noun at token i names, or none:
    شركتي فيليبس وسيمنز → فيليبس، سيمنز; وزارتا الصحة والتعليم → وزارتا الصحة (وزارة الصحة) and
    التعليم (وزارة التعليم); جامعتي ستانفورد وهارفارد → جامعتي ستانفورد (جامعة ستانفورد), هارفارد
    (جامعة هارفارد). Each member is a genitive chain or a name; the second follows و, and a dual
    adjective after it belongs to both (وزارتي الخارجية والخزانة الأميركيتين)."""
    w, skip = norms[i], 0
    hit = lex.org_duals.get(w)
    if hit is None and len(w) > 4 and w[0] in "وفبل" and not toks[i].clitic:
        hit, skip = lex.org_duals.get(w[1:]), 1  # ووزارتا: a proclitic the segmenter left on the head
    if hit is None or i + 1 >= len(toks):
        return []
    lemma, kind = hit
    ch, n = lex.org_chains, len(toks)

    def member(k: int, second: bool) -> tuple[int, bool]:
        """End token of one member from k and whether it is a name (k when there is none)."""
        if k >= n:
            return k, False
        if ("chain" in kind or "weak" in kind) and ch is not None:
            end, strong, fields = org_chain(toks, norms, k, ch, name_at, places, False, False, split_and=True)
            if end > k and (strong or fields):
                return end, False
            if "chain" in kind and not toks[k].clitic and norms[k].startswith("ال") and len(norms[k]) >= 5 \
                    and norms[k] not in lex.stopwords and not match_phrase(norms, k, ch.titles or PhraseSet.of(())):
                end = k + 1  # وزارتي الخارجية والخزانة: the coordination says these are two names
                while end < n and not toks[end].clitic and (norms[end] in ch.adjectives or norms[end] in ch.nisba):
                    end += 1
                return end, False
        if kind in ("chain", "weak"):
            return k, False
        run = name_at(k)
        for x in range(k + 1, k + run):  # the second member, glued to its و
            if norms[x].startswith("و") and len(norms[x]) > 3:
                run = x - k
                break
        if second and run > 1 and not is_latin_name(toks[k]):
            run = 1  # an Arabic run after the last member may go on into the verb (وسيمنز تعاونتا)
        return k + run, run > 0

    j = _skip_quote(toks, i + 1)
    e1, named1 = member(j, False)
    if e1 == j or e1 >= n:
        return []
    e1q = e1 + 1 if norms[e1] in CLOSE_QUOTES else e1
    glued = 0
    if toks[e1q].clitic and norms[e1q] == "و" or norms[e1q] == "و":
        k2 = _skip_quote(toks, e1q + 1)
    elif kind not in ("chain", "weak") and norms[e1q].startswith("و") and len(norms[e1q]) > 3 and not toks[e1q].clitic \
            and (is_latin_name(toks[e1q]) or _rare_name_word(norms[e1q][1:], lex, vocab)):
        k2, glued = e1q, 1  # وسيمنز: و glued to a rare name
    else:
        return []
    if glued:
        e2, named2 = k2 + 1, True
    else:
        e2, named2 = member(k2, True)
    if e2 == k2:
        return []
    start1 = _skip_letters(doc.text, toks[i].start, skip) if skip else toks[i].start
    start2 = _skip_letters(doc.text, toks[k2].start, 1) if glued else toks[k2].start
    own = kind != "announce" and not (named1 and "in_name" not in kind)  # شركتي X: the head is no part of the name
    c1 = " ".join([lemma, doc.text[toks[j].start:toks[e1 - 1].end]]) if own else None
    c2 = " ".join([lemma, doc.text[start2:toks[e2 - 1].end]]) if own else None
    if own and not named2 and e2 < n:
        adj = DUAL_ADJECTIVE[lemma.endswith("ة")].fullmatch(toks[e2].text)
        if adj:
            single = adj.group(1) + ("ة" if lemma.endswith("ة") else "")
            c1, c2 = f"{c1} {single}", f"{c2} {single}"
            e2 += 1
    first = (start1 if own else toks[j].start, toks[e1 - 1].end, c1)
    return [first, (start2, toks[e2 - 1].end, c2)]


NAME_CONNECTORS = frozenset({"بن", "ابن", "بنت", "ابو", "عبد", "ال"})  # ال is آل (the family of) standing alone


def name_with_connector(norms: list[str], j: int, n: int, is_name) -> int:
    """``n`` name tokens from j, more where a connector goes on inside a person's name that a body is
    named after (مركز محمد بن راشد، مؤسسة سلطان بن زايد آل نهيان): past بن/أبو/عبد/آل to the next name word."""
    e = j + n
    if n and norms[e - 1] in NAME_CONNECTORS and e < len(norms) and is_name(e):
        e += 1
    while n and e + 1 < len(norms) and norms[e] in NAME_CONNECTORS and is_name(e + 1):
        e += 2
    return e - j


def _name_run_before(toks: list[Token], i: int, limit: int, pred) -> int:
    """Length of the run of name tokens that ends just before token i (0 if none); a proclitic on its first word
    stays out (وأعلنت أنيسفير، الشركة)."""
    n = 0
    while n < limit and i - n - 1 >= 0 and pred(toks[i - n - 1]) and not toks[i - n - 1].clitic:
        n += 1
    return n


def _name_run(toks: list[Token], i: int, limit: int, pred) -> int:
    """Number of consecutive name tokens from i (stops at punctuation or a non-name)."""
    j = i
    while j < len(toks) and j - i < limit and pred(toks[j]):
        j += 1
        if j < len(toks) and toks[j - 1].end == toks[j].start and not toks[j - 1].clitic:
            break  # a token glued to the next (punctuation) ends the name
    return j - i


def kb_token_spans(toks: list[Token], first_of: dict[int, int], mentions: list[Mention], types=None):
    """(first token, token after) of each KB mention, of ``types`` if given (والإنتربول: the name starts on the clitic)."""
    for m in mentions:
        k = first_of.get(m.start) if m.source == "kb" and (types is None or m.type in types) else None
        if k is not None:
            e = k
            while e < len(toks) and toks[e].end <= m.end:
                e += 1
            yield k, e


def kb_tokens(toks: list[Token], first_of: dict[int, int], mentions: list[Mention]):
    """Indices of the tokens inside KB mentions."""
    for k, e in kb_token_spans(toks, first_of, mentions):
        yield from range(k, e)


def rule_mentions(doc: Document, lex: RuleLexicon, vocab: Vocabulary, names: frozenset[str]) -> list[Mention]:
    """Names announced by context: شركة/معهد + name → ORG, نموذج + name → MODEL, title/cue + name → PERSON."""
    toks = doc.tokens
    norms = [t.norm for t in toks]
    out: list[Mention] = []

    def arabic(t):
        return is_arabic_name(t, lex, vocab, names)

    def latin(t):
        return is_latin_name(t)

    def add(i, j, typ):
        if j > i:
            s, e = toks[i].start, toks[j - 1].end
            out.append(Mention(s, e, doc.text[s:e], typ, "rule", CONFIDENCE["rule"]))

    places = place_spans(doc, toks)

    def org_name_at(j):
        if j in places:
            return 0  # a place after شركة/معهد is no company name (وكالة أنباء حضرموت names the agency)
        if j < len(toks) and not regex.search(r"\p{L}", toks[j].norm):
            return 0  # قناة 70%: a number names nothing
        n = letter_run(toks, norms, j, lex)
        if n:
            return n  # شبكة سي إن إن، قناة بي إن سبورتس، بنك إيه.إن.زد: the whole spelled name
        n = _name_run(toks, j, lex.max_name_tokens, latin)
        if n:
            return n
        n = name_with_connector(norms, j, min(_name_run(toks, j, 2, arabic), 2), lambda x: arabic(toks[x]))
        if n == 1 and founder_family_name(toks, norms, j, lex, vocab, names):
            return 2  # مجموعة ماجد الفطيم: a company named after its founder, given name and family name
        if n == 2 and norms[j + 1] in AMPERSAND_WORDS:
            n = 1  # the & is taken below, with the word after it
        if (n == 2 and j + 2 < len(toks) and arabic(toks[j + 2]) and not (j + 3 < len(toks) and arabic(toks[j + 3]))
                and not any(norms[x].startswith("و") for x in (j + 1, j + 2))
                and norms[j + 1] not in names and norms[j + 2] not in names):
            n = 3  # سيدني مورنينغ هيرالد، بانثيون ماكرو إكونوميكس: a third name word, where no fourth follows; not
            # و + a word (أرامكو وسابك ومعادن) nor a person's name after the body's (بلاكستون ستيفن شوارتسمان)
        while n and j + n + 1 < len(toks) and norms[j + n] in AMPERSAND_WORDS and arabic(toks[j + n + 1]):
            n += 2  # جونسون آند جونسون، ماكنزي آند كومباني
        if n and n < 3 and rejoined_name_word(toks, norms, j + n, lex, vocab):
            n += 2  # كوكا كولا: the segmenter read كولا as ك + ولا
        return n

    tagged_at = {}
    for m in doc.mentions:
        if m.type in ("ORG", "MODEL", "PERSON", "LOC"):
            tagged_at[m.start] = m
    first_of = {t.start: k for k, t in enumerate(toks)}
    kb_starts = frozenset(kb_tokens(toks, first_of, doc.mentions))
    kb_orgs = dict(kb_token_spans(toks, first_of, doc.mentions, ("ORG",)))  # first token → the token after it
    tok_starts = [t.start for t in toks]  # the token a MODEL starts in (بجيميني: a model behind a glued ب)
    model_starts = frozenset(bisect.bisect_right(tok_starts, m.start) - 1 for m in doc.mentions if m.type == "MODEL")

    for i in range(len(toks)):
        if toks[i].clitic:
            continue
        if lex.org_duals:
            for s0, e0, canon in dual_org_members(doc, toks, norms, i, lex, vocab, org_name_at, places):
                out.append(Mention(s0, e0, doc.text[s0:e0], "ORG", "rule", CONFIDENCE["rule"], canonical=canon))
        if lex.org_list_openers is not None and norms[i] in lex.org_plural_nouns:
            for s0, e0 in org_list_members(toks, norms, i, lex, vocab, org_name_at, tagged_at, first_of):
                s0 = _skip_letters(doc.text, s0 - 1, 1) if s0 not in first_of else s0
                out.append(Mention(s0, e0, doc.text[s0:e0], "ORG", "rule", CONFIDENCE["rule"]))
        if lex.org_chains is not None:
            e = org_chain_mention(toks, norms, i, lex.org_chains, org_name_at, places, kb_starts)
            if e > i:
                s0, e0 = toks[i].start, toks[e - 1].end
                elided = norms[i].startswith("ال") and toks[i].text.startswith("ل") and not toks[i].text.startswith("ال")
                out.append(Mention(s0, e0, doc.text[s0:e0], "ORG", "rule", CONFIDENCE["rule"],
                                   canonical="ا" + doc.text[s0:e0] if elided else None))  # للهيئة: ل + الهيئة
        k = match_phrase(norms, i, lex.org_triggers)
        if k:
            q = _quoted_name(toks, norms, i + k, lex) if norms[i] not in lex.org_triggers_unquoted else 0
            if q:
                add(i + k + 1, q, "ORG")  # صحيفة "ديلي ميل": the whole quotation is the outlet's name
            else:
                j = _skip_quote(toks, i + k)
                n = org_name_at(j)
                if n >= 2 and title_before_trigger(toks, norms, i, lex) and norms[j + n - 1] in names \
                        and j + n < len(toks) and not toks[j + n].clitic and _namelike(toks[j + n], lex, names) \
                        and norms[j + n] not in names:
                    n -= 1  # الرئيسة التنفيذية لمجموعة سيتي جين فريزر: the title's person starts at the given name
                if n > 2 and j == i + k and any(norms[x] in NAME_CONNECTORS for x in range(j + 1, j + n - 1)):
                    add(i, _institute_complement(toks, j + n), "ORG")  # مؤسسة خليفة بن زايد: named after a person, so
                else:  # the head is part of the name, and the person's own mentions stay the person's
                    add(j, j + n, "ORG")
        if norms[i] in lex.org_triggers_in_name and not (norms[i].endswith("ه") and toks[i].text.endswith("ه")):
            # (مكتبه: "his office", a pronoun, not مكتبة "library": ة and ه are one letter once normalised)
            q = _quoted_name(toks, norms, i + 1, lex)
            n = _name_run(toks, i + 1, lex.max_name_tokens, latin) or name_with_connector(
                norms, i + 1, min(_name_run(toks, i + 1, 2, arabic), 2), lambda x: arabic(toks[x])) \
                or royal_name(toks, norms, i + 1, lex, names)
            if q:
                add(i, q + 1, "ORG")  # جامعة "نانيانغ التكنولوجية"
            elif n:
                e = i + 1 + n
                if lex.org_chains is not None and norms[i + 1] in lex.royal_titles and e < len(toks) and not toks[e].clitic \
                        and nisba_shaped(norms[e], lex.org_chains.stop | lex.org_chains.descriptive) \
                        and norms[e].endswith("يه") == norms[i].endswith("ه"):
                    e += 1  # مستشفى الملك فيصل التخصصي: the body's own adjective after its namesake
                add(i, _institute_complement(toks, e, lex.org_chains.adjectives if lex.org_chains else frozenset(),
                                             lex.org_chains), "ORG")
            elif i + 1 in places and not toks[i].clitic:
                e = places[i + 1]  # a place names the school with its field (كلية لندن للاقتصاد), a university alone
                f = _institute_complement(toks, e)  # (جامعة طوكيو)
                if f > e or norms[i] in UNIVERSITY_HEADS:
                    add(i, f, "ORG")
        k = _model_trigger_at(norms, i, lex)
        if k:
            j = _skip_quote(toks, i + k)
            if j < len(toks) and norms[j] in MODEL_LIST_OPENERS:
                j = _skip_quote(toks, j + 1)  # نماذج مثل X، نموذجين هما X وY
            n = _name_run(toks, j, 3, latin) or _name_run(toks, j, 1, is_model_id)
            n += v_version_after(toks, j + n) if n else 0  # Eleven v3
            if not n:  # نموذجها الجديد "Nexa-2"، نموذج الذكاء الاصطناعي Nexa: past up to three ال-words
                x = i + k
                while x < len(toks) and x - (i + k) < 3 and norms[x].startswith("ال") and not toks[x].clitic:
                    x += 1
                if lex.model_naming_words is not None:
                    x += match_phrase(norms, x, lex.model_naming_words)  # على نموذجها الجديد اسم «Nexa»
                    if x == i + k:  # نموذجا لغويا أطلقت عليه اسم «Nexa»: a naming word a few Arabic words on
                        x = _past_naming_words(toks, norms, x, lex)
                if x > i + k:
                    j = _skip_quote(toks, x)
                    n = _name_run(toks, j, 3, latin)
                    n = n if n and norms[j][:1].isalpha() and norms[j][:1].isascii() else 0  # a name, not a version number
            if n and not model_name_shaped(doc.text[toks[j].start:toks[j + n - 1].end]):
                n = 0  # الإصدار 10.2.1، سلسلة P: a version number or a letter names no model
            if n and all(norms[x].casefold() in lex.model_generic_terms for x in range(j, j + n)):
                n = 0  # نماذج LLM، نموذج RAG: a kind of model, not a name
            add(j, j + n, "MODEL")
            if n:
                for x, y in model_list_members(doc, toks, norms, j + n, is_model_id):
                    if not all(norms[z].casefold() in lex.model_generic_terms for z in range(x, y)):
                        add(x, y, "MODEL")
        if norms[i] in lex.ai_product_heads and lex.ai_words is not None:
            a = product_adjectives_end(toks, norms, i + 1)  # متصفحها الجديد «...»، وكيل البرمجة «...»
            j = _skip_quote(toks, a)
            q = _quoted_name(toks, norms, a, lex)
            n = (q - j) if q else _name_run(toks, j, 3, latin)
            if n and toks[j].start not in tagged_at and model_name_shaped(doc.text[toks[j].start:toks[j + n - 1].end]) \
                    and (described_as_ai(norms, j + n + bool(q), lex, models_at=model_starts)
                         or (norms[i].startswith(AGENT_HEADS) and any(norms[x] in lex.ai_product_adjectives for x in range(i + 1, a)))):
                add(j, j + n, "MODEL")  # تطبيق Lumo المدعوم بالذكاء الاصطناعي، متصفح «أطلس» المدعوم بشات جي بي تي
        if lex.model_name_words is not None:
            k = match_phrase(norms, i, lex.model_name_words)
            if k and not (i > 0 and norms[i - 1] in lex.model_number_words):
                j, e = _arabic_model_name(toks, norms, i + k, lex, vocab,
                                          bare=not _predicative_model_word(norms[i + k - 1]) and not norms[i].startswith("ال"),
                                          product=not norms[i].startswith(("نموذج", "النموذج", "نماذج")))
                add(j, e, "MODEL")
        # a cue verb announces its subject; a function word among the cue forms (إلى، على) does not
        k = match_phrase(norms, i, lex.person_titles) or (norms[i] in lex.cues and norms[i] not in lex.cue_function_words and 1)
        if k:
            j = i + k
            j += match_phrase(norms, j, lex.person_titles)  # الخبيرة المحللة …
            if j < len(toks) and toks[j].clitic and norms[i] in lex.prep_cues:
                j += 1  # وفقًا لـ / نقلا عن: the clitic is the preposition, not the name
            e = _person_run(toks, norms, j, lex, vocab, names)
            if e == j:
                n = _latin_person_run(toks, j)  # قال John Smith، / الباحثة Kaoutar El Maghraoui
                e = j + n if n and norms[j + n - 1].casefold() not in lex.org_latin_suffixes else j
            if e > j and (e >= len(toks) or _ends_name(norms, e, lex)):
                add(j, e, "PERSON")
            elif e == j and match_phrase(norms, i, lex.person_titles):
                x = _title_complement_end(toks, norms, j, lex, org_name_at, places, kb_orgs=kb_orgs)
                # not a name joined by و to the title's complement (لشركة توتال وباتريك: another person's)
                e = _person_run(toks, norms, x, lex, vocab, names) if j < x < len(toks) and not (toks[x].clitic and norms[x] == "و") else x
                if e - x > 3 and toks[e - 2].clitic and norms[e - 2] in ("ب", "و"):
                    e, trimmed = e - 2, True  # فيصل المقداد بمفتشين، بوتين وحلفائه: a preposition or و
                else:
                    trimmed = e - x > 2 and norms[e - 1] not in names and grammar_shaped(norms[e - 1], vocab)
                    e -= trimmed  # رئيسة الوزراء تيريزا ماي تجاهلت: a verb after the name
                if e - x >= 2 and not any(norms[y] not in names and grammar_shaped(norms[y], vocab)
                                          and not toks[y].text.startswith(("أل", "إل")) for y in range(x, e)) \
                        and (e >= len(toks) or _ends_name(norms, e, lex) or trimmed):
                    add(x, e, "PERSON")  # رئيسة الوزراء النيوزيلندية جاسيندا أرديرن، المتحدث باسم وزارة الخارجية X Y
        # نقلت الوكالة عن سامي حداد قوله: the name عن governs before a verbal noun of saying with its pronoun
        if norms[i] == "عن" and not toks[i].clitic and i + 2 < len(toks):
            e = _person_run(toks, norms, i + 1, lex, vocab, names)
            if e - (i + 1) >= 2 and e < len(toks) and norms[e] in lex.cues and norms[e].endswith(("ه", "ها", "هم", "هما")):
                add(i + 1, e, "PERSON")
        # A title's employer: مدير الأبحاث في فوتوروم جروب، / الخبير لدى X
        k = match_phrase(norms, i, lex.person_titles)
        if k:
            for j in range(i + k, min(i + k + 4, len(toks))):
                if norms[j] in {"في", "لدى"}:
                    n = _name_run(toks, j + 1, lex.max_name_tokens, latin) or _name_run(toks, j + 1, 3, arabic)
                    end = j + 1 + n
                    if n and regex.search(r"\p{L}", norms[j + 1]) and (end >= len(toks) or not WORD_CHAR.match(norms[end])):
                        add(j + 1, end, "ORG")
                    break
                if not WORD_CHAR.match(norms[j]) or toks[j].clitic:
                    break
        # Apposition after a title: المحللة في مؤسسة X، سارة كوهين، أن
        if norms[i] in {"،", ","} and any(match_phrase(norms, x, lex.person_titles) for x in range(max(0, i - 6), i)):
            e = _person_run(toks, norms, i + 1, lex, vocab, names)
            if e - (i + 1) >= 2 and e < len(toks) and (norms[e] in {"،", ",", ":"} or norms[e] in lex.name_end_words):
                add(i + 1, e, "PERSON")
        # A Latin name with an organisation's suffix: Zentrix Labs، Acme Inc، Daily Tech News
        if is_latin_name(toks[i]) and (i == 0 or not is_latin_name(toks[i - 1]) or toks[i - 1].clitic):
            n = _name_run(toks, i, lex.max_name_tokens, latin)
            if n >= 2 and norms[i + n - 1].casefold() in lex.org_latin_suffixes:
                add(i, i + n, "ORG")
        # A name spelled in Latin letters with an organisation's tail: بي إن سبورتس، إن بي سي نيوز
        n = letter_run(toks, norms, i, lex) if i == 0 or norms[i - 1] not in lex.latin_letter_names or (
            norms[i - 1] in lex.stopwords and norms[i - 1] != "ان") else 0
        if n and norms[i + n - 1] in lex.org_arabic_suffixes:
            add(i, i + n, "ORG")
        # An Arabic-script foreign name with an organisation's tail: سي بي إس نيوز، زنتركس لابز
        if norms[i] in lex.org_arabic_suffixes and i > 0:
            j = i
            while j > 0 and i - j < 3 and not toks[j - 1].clitic and (
                    (norms[j - 1] in lex.latin_letter_names and norms[j - 1] not in lex.stopwords) or arabic(toks[j - 1])) \
                    and toks[j - 1].space_after:
                j -= 1
            if j < i:
                add(j, i + 1, "ORG")
        # A foreign name with "AI" spelled after it (نيكسورا إيه آي، like Scale AI): a company
        if norms[i] == "ايه" and i + 1 < len(toks) and norms[i + 1] == "اي" and i > 0:
            j = i
            while j > 0 and i - j < 2 and not toks[j - 1].clitic and arabic(toks[j - 1]) and toks[j - 1].space_after:
                j -= 1
            if j < i:
                s0 = toks[j].start
                if norms[j][:1] in "وف" and vocab.count(norms[j]) == 0 and vocab.count(norms[j][1:]) == 0:
                    s0 = _skip_letters(doc.text, s0, 1)  # وأكتف إيه آي: the و of a list the segmenter left on the name
                out.append(Mention(s0, toks[i + 1].end, doc.text[s0:toks[i + 1].end], "ORG", "rule", CONFIDENCE["rule"]))
        # What a company acquires is a company (استحوذت إنفيديا على زورفيكس الإسرائيلية): the object after على
        if norms[i] in lex.acquisition_verbs and not toks[i].clitic:
            k = next((x for x in range(i + 1, min(i + 5, len(toks))) if norms[x] == "علي" and not toks[x].clitic), None)
            if k is not None and k + 1 < len(toks) and toks[k + 1].start not in tagged_at:
                n = _name_run(toks, k + 1, lex.max_name_tokens, latin) or _name_run(
                    toks, k + 1, 2, lambda t: noun_name_word(t, arabic, vocab) and vocab.count(t.norm) < 20)  # not نصيب
                if n and regex.search(r"\p{L}", norms[k + 1]) and (k + 1 + n >= len(toks) or not arabic(toks[k + 1 + n])):
                    add(k + 1, k + 1 + n, "ORG")  # not a share (استحوذت على 42.5%)
        # A name the startup adjective follows (زورفيكس الناشئة): only a company is a start-up; and a name whose
        # headquarters are named after it (زورفيكس، ومقرها دبي): only an organisation has one
        if (norms[i] in lex.startup_adjectives or norms[i] in lex.seat_words) and i > 0:
            e = i
            while e > 0 and e < i + 1 and (toks[e - 1].clitic and norms[e - 1] == "و" or norms[e - 1] in {"،", ","}) \
                    and norms[i] in lex.seat_words:
                e -= 1  # past ، و before مقرها
            n = 0 if toks[e - 1].clitic else _name_run_before(toks, e, lex.max_name_tokens, latin) or _name_run_before(
                toks, e, 2, lambda t: noun_name_word(t, arabic, vocab))
            if n and not (e - n > 0 and toks[e - n - 1].norm in lex.org_triggers.by_first) \
                    and not any(norms[x] in names for x in range(e - n, e)):
                add(e - n, e, "ORG")  # (after شركة the head-noun rule names it already; a person's name is no company)
        # A rare name with a feminine nationality adjective as a feminine speech verb's subject is a company
        # (قالت زورفيكس الصينية إن، أعلنت زورفيكس الإسرائيلية): a woman is not named so, a place does not speak
        if i + 2 < len(toks) and not toks[i].clitic and norms[i] in lex.cues and norms[i] not in lex.cue_function_words \
                and (norms[i].endswith("ت") or norms[i].startswith("ت")) and lex.org_chains is not None:
            n = _name_run(toks, i + 1, 2, lambda t: noun_name_word(t, arabic, vocab) and t.norm not in names)
            e = i + 1 + n
            if n and e < len(toks) and norms[e] in lex.org_chains.nisba and norms[e].endswith("ه") \
                    and toks[i + 1].start not in tagged_at:
                add(i + 1, e, "ORG")
        # One Latin word a feminine speech verb has as subject is a company (قالت Zentrix، وأعلنت Zentrix عن): news
        # writes a company feminine, and a woman by two names
        if is_latin_name(toks[i]) and toks[i].text[:1].isupper() and i > 0 and not toks[i - 1].clitic and norms[i - 1] in lex.cues \
                and norms[i - 1] not in lex.cue_function_words and (norms[i - 1].endswith("ت") or norms[i - 1].startswith("ت")) \
                and not (i + 1 < len(toks) and (is_latin_name(toks[i + 1]) or LATIN_OR_DIGIT.match(norms[i + 1]))):
            add(i, i + 1, "ORG")
        # A Latin person's name with no cue before it: ساهم في إثراء Brian Acton، التقى Satya Nadella
        if is_latin_name(toks[i]) and (i == 0 or toks[i - 1].clitic or not LATIN_OR_DIGIT.match(norms[i - 1])):
            add(i, i + bare_latin_person(toks, norms, i, lex), "PERSON")
        # Apposition: NAME ، TITLE
        if i + 1 < len(toks) and norms[i] in {"،", ","} and match_phrase(norms, i + 1, lex.person_titles):
            n = _latin_person_run_before(toks, i)
            if n and norms[i - 1].casefold() not in lex.org_latin_suffixes:
                add(i - n, i, "PERSON")
            j = i
            while (j > 0 and i - j < 4 and _namelike(toks[j - 1], lex, names) and not (toks[j - 1].clitic and j - 1 == 0)
                   and (norms[j - 1] in names or vocab.count(norms[j - 1]) <= 3 * lex.rare_word_count)):
                j -= 1  # قام كلاوديو تابيا، المدير: a frequent word (a verb) is no part of the name
            if j < i and toks[j].clitic and normalize(toks[j].norm + toks[j + 1].text).text not in names:
                j += 1  # a proclitic, unless it is a name's first letter (ك|ريم = كريم)
            if j < i and _person_run(toks, norms, j, lex, vocab, names) == i:
                add(j, i, "PERSON")
        # Apposition: NAME ، الشركة المطورة لـ / شركة ناشئة: the name is a company's
        k = i + 1
        while k < len(toks) and k - i <= 2 and norms[k] in APPOSITION_PRONOUNS:
            k += 1  # زورفيكس، وهي شركة ناشئة
        if i + 1 < len(toks) and norms[i] in {"،", ","} and k < len(toks) and norms[k] in lex.org_apposition_heads:
            def noun_name(t):
                return noun_name_word(t, arabic, vocab)
            n = _name_run_before(toks, i, lex.max_name_tokens, latin) or _name_run_before(toks, i, 3, noun_name)
            if n and (i - n == 0 or not (latin(toks[i - n - 1]) or noun_name(toks[i - n - 1]))):
                out[:] = [o for o in out if not (o.type == "PERSON" and o.start == toks[i - n].start)]  # not a person
                add(i - n, i, "ORG")  # the whole run before the comma, not the tail of a longer name
    out.extend(arabic_acronym_glosses(doc, [*doc.mentions, *out], vocab, lex))
    out.extend(agencies_of_parent_bodies(doc, toks, norms, lex))
    return out


def agencies_of_parent_bodies(doc: Document, toks: list[Token], norms: list[str], lex: RuleLexicon) -> list[Mention]:
    """An agency named by a head, its parent body and its field after ل (برنامج الأمم المتحدة للبيئة، مفوضية الأمم
    المتحدة لشؤون اللاجئين، منظمة الأمم المتحدة للتربية والعلم والثقافة) is its own body, not the parent
    (``org_parent_bodies``). The field: an ال-noun or an idafa that ends in one, more joined by و, then relational
    adjectives. filter_model_mentions then drops the parent's KB mention inside it."""
    ch = lex.org_chains
    if ch is None or not lex.parent_bodies:
        return []
    first = {t.start: i for i, t in enumerate(toks)}
    out = []
    n = len(toks)
    for m in doc.mentions:
        if m.type != "ORG" or m.kb_id not in lex.parent_bodies or m.start not in first:
            continue
        i = first[m.start]
        if norms[i] in lex.parent_heads and not norms[i].startswith("ال"):
            hs = i  # منظمة الأمم المتحدة: the KB's own spelling holds the head
        elif i > 0 and not toks[i - 1].clitic and norms[i - 1] in lex.parent_heads:
            hs = i - 1
        else:
            continue
        k = i
        while k < n and toks[k].end <= m.end:
            k += 1
        if not (k + 1 < n and toks[k].clitic and norms[k] == "ل"):
            continue
        k += 1

        def noun(w):  # البيئة، التربية: a feminine noun in ية whose masculine ال…ي is rare is no adjective
            return not nisba_shaped(w, ch.stop) or (w.endswith("ه") and ch.vocab is not None and ch.vocab.count(w[:-1]) < 20)

        def member(x):
            d = match_phrase(norms, x, ch.domain) if x < n and not toks[x].clitic else 0
            if d:
                return x + d
            if x < n and not toks[x].clitic and norms[x].startswith("ال") and len(norms[x]) >= 4 \
                    and norms[x] not in lex.stopwords and noun(norms[x]):
                return x + 1
            if x + 1 < n and not toks[x].clitic and not toks[x + 1].clitic and regex.fullmatch(r"\p{Arabic}{3,}", norms[x]) \
                    and not norms[x].startswith("ال") and common_noun(norms[x], ch) and norms[x + 1].startswith("ال") \
                    and noun(norms[x + 1]):
                return x + 2  # لشؤون اللاجئين، لتنسيق الشؤون
            return 0

        e = member(k)
        if not e:
            continue
        while e + 1 < n and toks[e].clitic and norms[e] == "و" and member(e + 1) == e + 2 \
                and norms[e + 1] not in ch.institutions:
            e += 2  # للتربية والعلم والثقافة (not والاتحاد الدولي: another body)
        while e < n and not toks[e].clitic and nisba_shaped(norms[e], ch.stop | ch.descriptive):
            e += 1  # للتنمية الصناعية
        out.append(Mention(toks[hs].start, toks[e - 1].end, doc.text[toks[hs].start:toks[e - 1].end], "ORG", "rule",
                           CONFIDENCE["rule"]))
    return out



ARABIC_GLOSS_RE = regex.compile(r"[ \t]*\([ \t]*(\p{Arabic}{3,})[ \t]*\)")


def arabic_acronym_glosses(doc: Document, mentions: list[Mention], vocab: Vocabulary, lex: RuleLexicon) -> list[Mention]:
    """One Arabic word in parentheses right after an organisation of three words or more is its short name
    (وكالة أنباء الإمارات (وام)، جامعة الملك عبدالله للعلوم والتقنية (كاوست)): coreference links the two.
    Not a common word or adverb (سابقا، حاليا: its stem takes the article), a function word, an ال-word
    (an adjective: مجلس الأمن (الدولي); the definite acronyms الأونروا، الناتو are the KB's), a place or
    any other mention."""
    out = []
    for m in mentions:
        if m.type != "ORG" or len(m.text.split()) < 3:
            continue  # a short name glosses a long one; after two words it may gloss a longer phrase: اتفاق التبادل
            # الحر بين اليابان والاتحاد الأوروبي (جيفتا)، الخروج من الاتحاد الأوروبي (بريكست)
        hit = ARABIC_GLOSS_RE.match(doc.text, m.end)
        if hit is None:
            continue
        s, e = hit.span(1)
        w = normalize(hit.group(1)).text
        if w in lex.stopwords or w.startswith("ال") or common_shaped(w, vocab) or (w.endswith("ا") and vocab.count("ال" + w[:-1]) >= 20):
            continue
        if any(n.start < e and s < n.end for n in mentions):
            continue
        out.append(Mention(s, e, doc.text[s:e], "ORG", "rule", CONFIDENCE["rule"]))
    return out


def royal_name(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon, names: frozenset[str]) -> int:
    """Length of a royal or honorific title and the person's name after it that an institution is named after
    (مركز الملك سلمان، مستشفى الملك فيصل، جامعة الأمير محمد بن فهد), 0 if none: the title (``royal_titles``),
    a known given name, then بن/آل and the names they join."""
    if j + 1 >= len(toks) or toks[j].clitic or norms[j] not in lex.royal_titles or toks[j + 1].clitic \
            or norms[j + 1] not in names:
        return 0
    return 1 + name_with_connector(norms, j + 1, 1, lambda x: not toks[x].clitic and (
        norms[x] in names or norms[x - 1] == "عبد"))  # عبد الله written in two words: الله is no name word


def title_before_trigger(toks: list[Token], norms: list[str], i: int, lex: RuleLexicon) -> bool:
    """A person's title governs the company word at i through ل (الرئيسة التنفيذية لمجموعة، رئيس مجلس إدارة
    لشركة): the person's name follows the company's."""
    if i < 2 or not (toks[i - 1].clitic and norms[i - 1] == "ل"):
        return False
    return any(match_phrase(norms, x, lex.person_titles) == i - 1 - x for x in range(max(0, i - 5), i - 1))


def noun_name_word(t: Token, arabic, vocab: Vocabulary) -> bool:
    """A rare name word that is no verb (استحوذت زورفيكسا، جمعت زورفيكس: the verb is rare too) and no feminine
    relative adjective (لأوكرانية)."""
    return arabic(t) and not (t.norm.endswith("ت") and vocab.count(t.norm[:-1]) > 0) and not imperfect_verb(t.norm, vocab) \
        and not t.norm.endswith("يه") and not t.norm.startswith(("وال", "فال", "بال", "كال", "لل"))  # والاقتصاديات


APPOSITION_PRONOUNS = frozenset({"و", "وهي", "هي"})  # وهي شركة: "which is a company"


def rejoined_name_word(toks: list[Token], norms: list[str], k: int, lex: RuleLexicon, vocab: Vocabulary) -> bool:
    """Tokens k and k+1 are one rare word the segmenter cut after a proclitic ك or ب (كولا = ك + ولا): the word
    whole is attested, rare and not common-shaped, so it goes on the name before it."""
    if k + 1 >= len(toks) or not toks[k].clitic or norms[k] not in ("ك", "ب") or toks[k].end != toks[k + 1].start:
        return False
    rest = norms[k + 1]
    function_word = rest[:1] in "وف" and rest[1:] in lex.stopwords  # و/ف + a function word: no preposition before it
    if not function_word and (vocab.count(rest) >= 20 or common_shaped(rest, vocab)):
        return False  # بشركة: a preposition on a common noun; only a function word (ولا = و + لا, which no
        # preposition takes) or a rare rest was misread
    w = norms[k] + rest
    return 0 < vocab.count(w) <= lex.rare_word_count and not common_shaped(w, vocab) and w not in lex.stopwords


def founder_family_name(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon, vocab: Vocabulary,
                        names: frozenset[str]) -> bool:
    """A given name at j and a rare ال-word after it that is no feminine adjective: the family name of the founder
    a company is named after (شركة ماجد الفطيم، مجموعة محمد الهاشمي). An adjective after شركة agrees in the
    feminine (شركة ماجد السعودية) or is a common word (شركة ماجد الجديدة)."""
    k = j + 1
    if k >= len(toks) or toks[k].clitic or toks[j].clitic or not norms[k].startswith("ال") or len(norms[k]) < 5:
        return False
    if given_name_key(norms[j]) not in lex.given_names and norms[j] not in names:
        return False
    w = norms[k]
    return not w.endswith("ه") and vocab.count(w) < lex.rare_word_count and not common_shaped(w, vocab) \
        and w not in lex.stopwords


def letter_run(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon) -> int:
    """Tokens of a name spelled in the Arabic names of Latin letters at j (0 if none): two letters or
    more, also joined by dots (إيه.إن.زد), and an organisation's tail after them (بي إن سبورتس). A
    letter that is also a function word (إن، أي، أو، في) starts a run only of three or more, في/أو none unless
    quoted ("أو في دي"), and في/أو end none (منصة إكس في الصين: "X in China"); إن, the N that ends many names
    (سي إن إن، بي إن، "إي إس بي إن"), is "that" as a fourth letter before a word (شبكة سي إن إن إن الرئيس), and
    أن, which normalises to the same word, is "that" before any word."""
    letters = lex.latin_letter_names
    e, n = j, 0
    while e < len(toks) and norms[e] in letters and not toks[e].clitic:
        n, e = n + 1, e + 1
        if e + 1 < len(toks) and norms[e] == "." and not toks[e - 1].space_after and norms[e + 1] in letters:
            e += 1
        elif n >= 2 and e + 1 < len(toks) and norms[e] in AMPERSAND_WORDS and norms[e + 1] in letters:
            e += 1  # إي تي آند تي (AT&T): the & joins two spelled halves
    quoted = j > 0 and norms[j - 1] in OPEN_QUOTES
    while n >= 2 and norms[e - 1] in lex.stopwords and (
            norms[e - 1] in ("في", "او") or (n >= 4 and e < len(toks) and WORD_CHAR.match(norms[e]))
            or (toks[e - 1].text == "أن" and e < len(toks) and WORD_CHAR.match(norms[e]))):  # N is written إن: أن
        # before a word is "that" (منصة إكس أن الخدمة), though a quoted name may end in it (مجلة "أي سي أن")
        n, e = n - 1, e - 1
    if n == 2 and not quoted and toks[e - 1].text == "إن" and e < len(toks) and WORD_CHAR.match(norms[e]) \
            and _awaits_complementizer(norms, j, lex):
        n, e = n - 1, e - 1  # وقال ألتمان على منصة إكس إن الطلب: the إن a speech verb before awaits
    if n < 2 or (not quoted and norms[j] in lex.stopwords and (n == 2 or norms[j] in ("في", "او"))):
        return 0  # في/أو before a name are the sentence's; إن، أي start a longer one (إن بي سي، أي بي سي)
    tail = e
    while e < len(toks) and e - tail < 2 and norms[e] in lex.org_arabic_suffixes and not toks[e].clitic:
        e += 1  # آر.بي.سي كابيتال ماركتس: up to two tail words
    return e - j


UNIVERSITY_HEADS = frozenset({"جامعه", "كليه"})
INITIAL = regex.compile(r"\p{Arabic}\.")  # a one-letter abbreviation token (segment.WORD_RE): ر. in a name
DEPENDENCY_WORDS = frozenset({"التابع", "التابعه", "المملوك", "المملوكه", "الي", "الذي", "التي"})  # and إلى written الى
SENTENCE_STOPS = frozenset({".", "!", "?", "؟", ":", "؛"})


def _awaits_complementizer(norms: list[str], j: int, lex: RuleLexicon, reach: int = 15) -> bool:
    """A speech verb (قال، أضاف) stands before token j in its sentence with no إن/أن after it yet: the إن that
    follows is the one it takes (وقال ألتمان في منشور على منصة إكس إن ...), not a letter of the name before it."""
    for k in range(j - 1, max(-1, j - reach), -1):
        if norms[k] in SENTENCE_STOPS or norms[k] == "ان":
            return False
        if norms[k] in lex.cues and norms[k] not in lex.cue_function_words:
            return True
    return False


def _model_trigger_at(norms: list[str], i: int, lex: RuleLexicon) -> int:
    """Length of a model trigger at i: a model word (نموذج، مساعد), or a naming word (يدعى، سلسلة)
    with a model word in the four tokens before it; 0 after a catalogue word (رقم النموذج)."""
    if i > 0 and norms[i - 1] in lex.model_number_words:
        return 0
    if i > 0 and norms[i] == "المساعد" and norms[i - 1].startswith("ال") and not norms[i - 1].endswith("ه"):
        return 0  # an adjective after a masculine definite noun: المدرب المساعد، تقنية الفيديو المساعد "VAR"
    k = match_phrase(norms, i, lex.model_triggers)
    if k or lex.model_naming_triggers is None:
        return k
    k = match_phrase(norms, i, lex.model_naming_triggers)
    if k and any(norms[x] in MODEL_WORDS or (lex.model_name_words is not None and match_phrase(norms, x, lex.model_name_words))
                 for x in range(max(0, i - 4), i)):
        return k
    return 0


def described_as_ai(norms: list[str], e: int, lex: RuleLexicon, reach: int = 6, models_at: frozenset[int] = frozenset()) -> bool:
    """A word of AI (بالذكاء الاصطناعي، على نموذج لغوي) or a KB model (``models_at``: their first tokens; المدعوم
    بشات جي بي تي، يعمل بنموذج GPT-5) within a few words after a product's name, in its sentence."""
    for x in range(e, min(len(norms), e + reach)):
        if norms[x] in SENTENCE_STOPS:
            return False
        if match_phrase(norms, x, lex.ai_words) or x in models_at:
            return True
    return False


AGENT_HEADS = ("وكيل", "الوكيل")  # an agent head, which its adjective alone makes an AI agent (وكيلها البرمجي)


def product_adjectives_end(toks: list[Token], norms: list[str], j: int, reach: int = 2) -> int:
    """The token after up to ``reach`` definite words that follow a product head (متصفحها الجديد، وكيل البرمجة،
    أداتها الذكية الجديدة), where the product's name may stand; j itself when none does."""
    x = j
    while x < len(toks) and x - j < reach and norms[x].startswith("ال") and not toks[x].clitic \
            and norms[x] not in RELATIVE_PRONOUNS:
        x += 1
    return x


def possessed_forms(heads: frozenset[str]) -> frozenset[str]:
    """Each indefinite head with the possessive pronouns its maker takes (تطبيقها، متصفحه، أداتها from أداة):
    news names a company's product so (أطلقت الشركة متصفحها «...»)."""
    out = set(heads)
    for h in heads:
        if h.startswith("ال"):
            continue
        stem = h[:-1] + "ت" if h.endswith(("ة", "ه")) else h
        out.update(stem + p for p in ("ها", "ه", "هم"))
    return frozenset(out)


MODEL_LIST_OPENERS = frozenset({"مثل", "هما", "هي", "منها"})


def model_list_members(doc: Document, toks: list[Token], norms: list[str], e: int, is_name) -> list[tuple[int, int]]:
    """Token spans of the Latin names coordinated after a model name a model word announced
    (نماذج Tarsa 3 وTarsa 3 Pro، وTarsa 3 Nano): each joined by a comma or و/أو, each shaped like a model name."""
    out = []
    while e < len(toks):
        x = e + 1 if norms[e] in CLOSE_QUOTES else e
        y = x
        if y < len(toks) and norms[y] in {"،", ","}:
            y += 1
        if y < len(toks) and norms[y] in {"و", "او", "أو"}:
            y += 1
        if y == x:
            break
        y = _skip_quote(toks, y)
        n = _name_run(toks, y, 3, is_name)
        if not n or not model_name_shaped(doc.text[toks[y].start:toks[y + n - 1].end]):
            break
        out.append((y, y + n))
        e = y + n
    return out


def model_name_shaped(name: str) -> bool:
    """A model name has two letters, or a letter and a digit (o3, R1, Nexa-2); a version number
    (10.2.1, 6.1) or one letter (سلسلة P) alone is none."""
    letters = sum(c.isalpha() for c in name)
    return letters >= 2 or (letters == 1 and any(c.isdigit() for c in name))


def _predicative_model_word(w: str) -> bool:
    """نموذجًا (indefinite accusative) is "an example" far more often than a model's name
    (أصبح نموذجًا يقتدى به): after it a name needs quotation marks."""
    return w == "نموذجا"


def future_verb(w: str, vocab: Vocabulary) -> bool:
    """سـ + an imperfect the word counts know in two persons (سيلتقي: يلتقي and تلتقي; ستستثمر، سنعمل): a verb in
    the future, never a name. Names that start the same way do not conjugate (ستيفاني: تيفاني but no ييفاني;
    ساينس "Science"; ستيفن، سنودن)."""
    if len(w) < 4 or w[0] != "س" or w[1] not in "يتنا" or (len(w) == 4 and w[1] == "ا"):
        return False  # ساري، سامي: four letters with alif are names
    stem = w[2:]
    if vocab.count(w[1:]) >= (20 if len(w) == 4 else 1) and any(vocab.count(p + stem) > 0 for p in "يتنا" if p != w[1]):
        return True  # four letters (سترد: ترد، يرد) only with a common imperfect, as short names abound
    rest = w[1:]  # سيعلنان، سيتنافسون: a dual or plural whose singular imperfect is common (يعلن); not سائرون
    return w[1] in "يتن" and rest.endswith(("ان", "ون")) and len(rest) >= 5 and vocab.count(rest[:-2]) >= 20


def grammar_shaped(w: str, vocab: Vocabulary) -> bool:
    """A word whose shape is grammar rather than a name: a perfect verb of a derived form (تجاهلت،
    تعاونت), a verbal noun افتعال/انفعال/استفعال (اعتذار، انتقال), a sound plural of an attested
    singular (مفتشين، but not مارتين), a pronoun suffix (حلفائه، مواقفها), an article."""
    if w.startswith("ال") or w[0] in "وبل" and len(w) > 4 and (vocab.count(w[1:]) > vocab.count(w)
                                                            or grammar_shaped(w[1:], vocab)):
        return True  # بمفتشين: a proclitic on a word of this kind
    if w.endswith(("ين", "ون", "ات")) and len(w) >= 5 and vocab.count(w[:-2]) >= 20:
        return True
    if w.endswith(("ها", "هم")) or (w.endswith("ه") and (w[:-1].endswith(("ائ", "اي")) or vocab.count(w[:-1]) >= 20)):
        return True
    if len(w) >= 5 and w[0] == "ت" and w[-1] == "ت":
        return True
    if future_verb(w, vocab):
        return True
    if len(w) >= 4 and w.endswith("ا") and vocab.count(w[:-1]) >= 20:
        return True  # طبيبا نفسيا: the accusative of a common word
    return len(w) >= 5 and w[0] == "ا" and w[-2] == "ا" and (w[2] == "ت" or w[1] == "ن" or w.startswith("است"))


def _title_complement_end(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon, name_at,
                          places: dict[int, int], limit: int = 8, kb_orgs: dict[int, int] | None = None) -> int:
    """End of what completes a title before the name (j when nothing does): ال-words (الوزراء
    النيوزيلندية، التنفيذية للشركة الناشئة), باسم, a KB place, an organisation named by its head
    noun (المتحدث باسم وزارة الخارجية الصينية), and the employer after ل/ب: a KB organisation
    (``kb_orgs``, first token → end: الرئيس التنفيذي ليوتيوب) or a company word and its Latin name (لشركة Acme Robotics).
    Up to ``limit`` tokens."""
    kb_orgs = kb_orgs or {}
    x = j
    while x < len(toks) and x - j < limit:
        if x in places:
            x = places[x]
            continue
        if x in kb_orgs:
            x = kb_orgs[x]
            continue
        if toks[x].clitic and norms[x] in ("ل", "ب") and x + 1 < len(toks) and not norms[x + 1].startswith("ال"):
            y = x + 1
            if y in kb_orgs:
                x = kb_orgs[y]
                continue
            k = match_phrase(norms, y, lex.org_triggers) if lex.org_triggers is not None else 0
            if k and y + k in kb_orgs:
                x = kb_orgs[y + k]  # لشركة يوتيوب: the KB name, however many words the name rule would take
                continue
            n = name_at(y + k) if k and y + k < len(toks) and toks[y + k].norm.isascii() else 0
            if n and y + k + n < len(toks) and ARABIC_START.match(norms[y + k + n]):
                x = y + k + n  # a Latin company name before an Arabic one: the script says where each ends;
                continue       # between two Arabic names (لشركة كوكا كولا جيمس كوينسي) it does not
        if lex.org_chains is not None:
            e = org_chain_mention(toks, norms, x, lex.org_chains, name_at, places)
            if e > x:
                x = e
                continue
        if toks[x].clitic and norms[x] in ("ل", "ب") and x + 1 < len(toks) and norms[x + 1].startswith("ال"):
            x += 1
            continue
        if norms[x] == "باسم" or (norms[x].startswith("ال") and toks[x].text.startswith("ال") and not toks[x].clitic
                                  and norms[x] not in lex.stopwords
                                  and regex.fullmatch(r"\p{Arabic}{4,}", norms[x])):
            x += 1
            continue
        break
    return x


def _rare_name_word(w: str, lex: RuleLexicon, vocab: Vocabulary) -> bool:
    """A word that can be a name on its own (وغيرها is و + a pronoun-suffixed function word)."""
    return (w not in lex.stopwords and vocab.count(w) <= lex.rare_word_count
            and not common_shaped(w, vocab) and not w.endswith(PRONOUN_SUFFIXES))


def org_list_members(toks: list[Token], norms: list[str], i: int, lex: RuleLexicon, vocab: Vocabulary, name_at,
                     tagged_at: dict, first_of: dict[int, int]) -> list[tuple[int, int]]:
    """Character spans of the untagged members of an enumeration of organisations announced by the plural noun at i
    (شركات صناعية مثل سيمنس وفيليبس وتيندرا): each member that is a name and no
    other tagged mention. At least one member must be a tagged ORG, and
    no member a tagged person or model, so the list is one of organisations."""
    k = None
    for j in range(i + 1, min(len(toks), i + 1 + lex.org_list_window)):
        n = match_phrase(norms, j, lex.org_list_openers)
        if n:
            k = j + n
            break
        if not WORD_CHAR.match(norms[j]) and norms[j] not in {"،", ","}:
            return []
    if k is None:
        return []
    members, types, skip = [], set(), 0
    while k < len(toks) and len(members) < 12:
        m = tagged_at.get(toks[k].start)
        if m is not None:
            types.add(m.type)
            e = k
            while e < len(toks) and toks[e].end <= m.end:
                e += 1
            k = e
        else:
            n = name_at(k)
            if not n:
                break
            for x in range(k + 1, k + n):  # the next member, glued to its و, or a tagged one
                if norms[x].startswith("و") or toks[x].start in tagged_at:
                    n = x - k
                    break
            members.append((toks[k].start + skip, toks[k + n - 1].end))
            k += n
        skip = 0
        if k < len(toks) and norms[k] in {"،", ","}:
            k += 1
        if k < len(toks) and toks[k].clitic and norms[k] == "و":
            k += 1
        elif k < len(toks) and norms[k] in {"و", "او", "أو"}:
            k += 1
        elif (k < len(toks) and norms[k].startswith("و") and len(norms[k]) > 3 and toks[k].start not in tagged_at
              and _rare_name_word(norms[k][1:], lex, vocab)):
            skip = 1  # وفيليبس: the conjunction the segmenter left on a rare name
        else:
            break
    if "ORG" not in types or types & {"PERSON", "MODEL"}:
        return []
    return members


# Curly quotes open and close either way round, like the straight ones: right-to-left pages often
# write the pair swapped (”name“).
OPEN_QUOTES = frozenset({'"', "“", "”", "«", "'", "‘"})
CLOSE_QUOTES = frozenset({'"', "”", "“", "»", "'", "’"})


VERSION_TOKEN = regex.compile(r"\d{1,2}(?:\.\d{1,2})?")


def _arabic_model_name(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon, vocab: Vocabulary,
                       bare: bool = True, product: bool = False) -> tuple[int, int]:
    """(start, end) tokens of an Arabic-script model name after a model word (j == start when
    none): in quotation marks (نموذجها «أوبوس»), after a naming word a few words on (نموذجها
    اللغوي اسم «...»), past its ال-adjectives (نموذجها اللغوي الجديد «...»), or bare when every word
    is very rare in news and no common word. In quotation marks after a product word (``product``:
    مساعد، روبوت الدردشة, which always name a product) an ordinary noun is a name too (المساعد
    الذكي «سند»); after نموذج ("model", also "example") a common-shaped word is not (نموذج «مفتوح»), unless an
    adjective of its kind says it is an AI model (نموذجها اللغوي «نور»: ``model_kind_adjectives``) or a naming
    word calls it a name (أسمته «زهرة»)."""
    named = False
    for k in range(j, min(j + 6, len(toks))):
        n = match_phrase(norms, k, lex.model_naming_words) if lex.model_naming_words else 0
        if n:
            j = _past_naming_words(toks, norms, k, lex)
            bare = named = True  # a naming word says a name follows, even after نموذجا (نموذجا جديدا باسم X)
            break
        if norms[k] in OPEN_QUOTES and k > j and all(norms[x].startswith("ال") and not toks[x].clitic for x in range(j, k)):
            product = product or any(norms[x] in lex.model_kind_adjectives for x in range(j, k))
            j = k
            break
        if not regex.fullmatch(r"\p{Arabic}+", norms[k]) or toks[k].clitic:
            break
    quoted = j < len(toks) and norms[j] in OPEN_QUOTES
    if not quoted and not bare:
        return j, j
    if not quoted:  # نموذجها الجديد X، نموذج الذكاء الاصطناعي X: a bare name past up to three ال-words
        x = j
        while x < len(toks) and x - j < 3 and norms[x].startswith("ال") and not toks[x].clitic and norms[x] not in RELATIVE_PRONOUNS:
            x += 1  # not past a relative pronoun: الذي طورته is a clause
        if x < len(toks) and not norms[x].startswith("ال") and not (x > j and grammar_shaped(norms[x], vocab)):
            j = x
    start = j + 1 if quoted else j
    e = start
    if quoted and e + 1 < len(toks) and toks[e].clitic and toks[e].end == toks[e + 1].start and (product or named):
        e += 1  # «بارد»: a quoted name the segmenter read as ب + ارد is written whole
    while e < len(toks) and e - start < 3 and not toks[e].clitic and regex.fullmatch(r"\p{Arabic}{2,}", norms[e]):
        w = norms[e]
        if w in lex.stopwords or w.startswith(("ال", "لل")) or (common_shaped(w, vocab) and not (quoted and (product or named))):
            break  # لل = ل + ال: a definite noun behind a preposition (نموذج للتعددية)
        if named and not quoted and (grammar_shaped(w, vocab) or (w.endswith("ته") and vocab.count(w[:-2] + "ه") >= 20)):
            break  # باسم مدرسته، باسمها: a noun with a pronoun suffix names nothing
        if not quoted and vocab.count(w) > (lex.rare_word_count if named else lex.rare_word_count // 24):
            break  # a bare name must be very rare in news (نموذج يحتذى به is an idiom)
        if not quoted and PASSIVE_PARTICIPLE.fullmatch(w):
            break  # مفعول: an adjective, however rare the word (نموذج منسوخ is no name)
        if not quoted and PURPOSE_NOUN.fullmatch(w):
            break  # ل + a verbal noun تفعيل, "to do": نموذج جيميني لتلخيص المستندات, however rare the noun
        if not quoted and verb_with_object(w, vocab):
            break  # أفضل نموذج أطلقناه، نموذج طورته الشركة: a verb with its object pronoun, however rare
        if not quoted and w[0] in "نيتا" and any(vocab.count(p + w[1:]) > 0 for p in "نيتا" if p != w[0]):
            break  # an imperfect verb whose other person is attested (كنموذج نرجو الاقتداء به: يرجو)
        if w[0] in "وفبلك" and (vocab.count(w[1:]) > 0 or common_shaped(w[1:], vocab)) and not (quoted and (product or named)):
            break  # a proclitic the segmenter left on a word (لدكتاتورية); not in a product's quoted name («بارق»)
        e += 1
    if e == start:
        return j, j
    if e < len(toks) and VERSION_TOKEN.fullmatch(norms[e]) and not toks[e].clitic and _ends_bare_name(toks, norms, e + 1, lex, quoted):
        e += 1  # a version number ends the name (نموذج لياما 3، «جيس 2»), not a count (زورفيكس 3 ملايين)
    elif e + 1 < len(toks) and VERSION_TOKEN.fullmatch(norms[e + 1]) and norms[e] == "-" and not toks[e - 1].space_after \
            and not toks[e].space_after:
        e += 2  # a hyphened version (فصيح-2) is written onto the name: whatever follows, it ends there
        if not quoted:
            return start, e
    elif e + 1 < len(toks) and VERSION_TOKEN.fullmatch(norms[e + 1]) and norms[e] in lex.latin_letter_names \
            and norms[e] not in lex.stopwords and _ends_bare_name(toks, norms, e + 2, lex, quoted):
        e += 2  # a letter and a number (فيرالو آر 1، كيمي كيه 2: R1, K2)
    if quoted and (e >= len(toks) or norms[e] not in CLOSE_QUOTES):
        return j, j  # the quotation holds more than a name
    if not quoted and not _ends_bare_name(toks, norms, e, lex, quoted):
        return j, j  # a bare run ends at punctuation, a function word, an adjective or ل + ال (نموذج X الجديد، X للمطورين)
    return start, e


OBJECT_VERB_SUFFIXES = ("ناها", "ناهم", "ناه", "تها", "تهم", "ته", "وها", "وه")


def verb_with_object(w: str, vocab: Vocabulary) -> bool:
    """A perfect verb with its subject and object pronouns (أطلقناه، طورته، بنوها): the stem before them is a
    verb news uses; rare as the whole word is, it names nothing."""
    return any(w.endswith(x) and len(w) - len(x) >= 3 and vocab.count(w[:-len(x)]) >= 20 for x in OBJECT_VERB_SUFFIXES)


def _past_naming_words(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon, reach: int = 6) -> int:
    """The token after the naming words (اسم، يدعى، أطلقت عليه اسم) that start within ``reach`` Arabic words of j
    (نموذجا لغويا عربيا أطلقت عليه اسم «...»), or j when none does."""
    if lex.model_naming_words is None:
        return j
    for k in range(j, min(j + reach, len(toks))):
        n = match_phrase(norms, k, lex.model_naming_words)
        if n:
            k += n
            return k + match_phrase(norms, k, lex.model_naming_words)  # أطلقت عليه + اسم
        if not regex.fullmatch(r"\p{Arabic}+", norms[k]) or toks[k].clitic:
            break
    return j


def _ends_bare_name(toks: list[Token], norms: list[str], e: int, lex: RuleLexicon, quoted: bool) -> bool:
    """Token e may follow a model name: the closing quote of a quoted one; for a bare one no Arabic content word
    (punctuation, a number, a function word, an ال-adjective or ل + ال)."""
    if quoted:
        return e < len(toks) and norms[e] in CLOSE_QUOTES
    return not (e < len(toks) and regex.fullmatch(r"\p{Arabic}+", norms[e]) and not toks[e].clitic
                and norms[e] not in lex.stopwords and not norms[e].startswith(("ال", "لل")) and not PURPOSE_NOUN.fullmatch(norms[e]))


LATIN_PERSON_WORD = regex.compile(r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.?|El|Al|al|el|bin|ibn|de|van|von|da|di|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)")


def _latin_person_run(toks: list[Token], j: int, limit: int = 4) -> int:
    """Length of a Latin-script person name at j: two to four capitalised words (particles such
    as El, bin, van inside), first and last capitalised, no organisation suffix."""
    e = j
    while e < len(toks) and e - j < limit and not toks[e].clitic and LATIN_PERSON_WORD.fullmatch(toks[e].norm):
        e += 1
        if e < len(toks) and toks[e - 1].end == toks[e].start:
            break
    while e > j and not regex.match(r"[A-Z][a-z]", toks[e - 1].norm):
        e -= 1
    if e - j < 2 or not regex.match(r"[A-Z][a-z]", toks[j].norm):
        return 0
    return e - j


LATIN_OR_DIGIT = regex.compile(r"[A-Za-z0-9&]")


def bare_latin_person(toks: list[Token], norms: list[str], i: int, lex: RuleLexicon) -> int:
    """Tokens of a Latin person's name at i with no cue before it (0 if none): the whole Latin run of the
    Arabic sentence, after an Arabic word, is two or three name-shaped words (Brian Acton، Satya Nadella), none an English common
    word or shaped like a derived one (Machine Learning، New York Times, Visual Core: latin_common_words and
    latin_common_endings) or an organisation's suffix; not quoted, not followed by a number or another Latin word
    (Pixel 3), and not after a word that names a product, feature, title or place (تطبيق، ميزة، حملة: latin_name_heads),
    an ال-word or an opening parenthesis, after which it is the English name of an Arabic term (الحرب الباردة Cold War),
    or after the Arabic spelling of its last word: then it spells that name again (كامبريدج أناليتيكا Cambridge
    Analytica), which keeps its own type (``propagate_names`` gives a person's Latin spelling the person's)."""
    n = _latin_person_run(toks, i, limit=3)
    e = i + n
    if n < 2 or (e < len(toks) and (LATIN_OR_DIGIT.match(norms[e]) or norms[e] in CLOSE_QUOTES)):
        return 0
    for w in norms[i:e]:
        f = w.casefold()
        if len(f) < 2 or f in lex.latin_common_words or f in lex.org_latin_suffixes or f.endswith(lex.latin_common_endings):
            return 0
    if norms[i].casefold().endswith(lex.latin_common_first_endings) or any(
            len(w) >= 9 and w.endswith("ing") for w in norms[i + 1:e]):
        return 0  # Mindful Being; Quantum Computing (a surname such as Manning is shorter)
    k = i - 1
    while k >= 0 and toks[k].clitic:
        k -= 1
    if k >= 0 and norms[k] in (":", "-") and k > 0:
        k -= 1
    if k < 0 or not ARABIC_START.match(norms[k]) or latin_gloss_of(norms[k], norms[e - 1]):
        return 0  # a heading (Related Links) or a list after a comma is no sentence's name
    if (norms[k] in OPEN_QUOTES or norms[k] == "(" or norms[k].startswith("ال")
                   or norms[k] in lex.latin_name_heads or norms[k] in MODEL_WORDS
                   or match_phrase(norms, k, lex.org_triggers) or norms[k] in lex.org_triggers_in_name):
        return 0
    return n


def latin_gloss_of(arabic: str, latin: str, threshold: float = 0.8) -> bool:
    """Whether an Arabic word sounds like a Latin one (أناليتيكا ~ Analytica, كاي ~ Kaye; not إثراء or
    كتب ~ Acton), by the name matcher's cross-script similarity."""
    from .name_match import default_phonetics, sequence_similarity, token_symbols

    if len(arabic) < 3 or not regex.fullmatch(r"\p{Arabic}+", arabic):
        return False
    ph = default_phonetics()
    return sequence_similarity(token_symbols(arabic, ph), token_symbols(latin.casefold(), ph), ph, "mixed") >= threshold


def _latin_person_run_before(toks: list[Token], i: int) -> int:
    """Length of a Latin person name ending just before token i, starting after punctuation, a
    proclitic or a non-Latin word (Kaoutar El Maghraoui، الباحثة في …)."""
    for n in (4, 3, 2):
        j = i - n
        if j < 0 or (j > 0 and regex.match(r"[A-Za-z]", toks[j - 1].norm) and not toks[j - 1].clitic):
            continue
        if _latin_person_run(toks, j) == n:
            return n
    return 0


def _namelike(tok: Token, lex: RuleLexicon, names: frozenset[str], first: bool = False) -> bool:
    """Could be a word of a person's name: not a function word, title or cue, no article.

    A name word spelled like a cue (راي/رأى) counts only as a name's first word."""
    w = tok.norm
    if tok.clitic:
        return True
    if not regex.fullmatch(r"\p{Arabic}{2,}", w):
        return False
    if w in lex.name_exceptions and tok.text.endswith("ى"):
        return False  # على (the preposition) written with alef maksura is no علي
    if w in names and (first or w not in lex.cues or w in lex.name_exceptions):
        return True
    if w in lex.cues:
        return False
    # أليكس، إلياس: a hamza on the alef is no article, though normalisation spells both ال
    return w not in lex.stopwords and (not ARTICLE_RE.match(w) or tok.text.startswith(("أل", "إل")))


def _person_run(toks, norms, j, lex, vocab, names, limit: int = 3) -> int:
    """End of a person name starting at token j (j when there is none).

    A clitic inside a name is part of it (بيرسي ل|يانغ = ليانغ). At least one word must be
    rare in news or a known name word, so "مصدر مطلع" is not a person.
    """
    e, words, family = j, 0, None
    while e < len(toks) and words < limit:
        t = toks[e]
        if t.clitic:
            if e + 1 >= len(toks) or t.end != toks[e + 1].start:
                break
            glued = t.norm + toks[e + 1].text
            glued = normalize(glued).text
            if glued.startswith("لل") or (vocab.count(glued) > lex.rare_word_count and glued not in names):
                break  # سوغا للصحافيين: ل + an article is a preposition, not part of the name
            e += 2
            words += 1
            continue
        if words and INITIAL.fullmatch(t.norm) and e + 1 < len(toks) and _namelike(toks[e + 1], lex, names):
            e += 1  # جينيفر ر. بيرمان: a middle initial
            continue
        if not _namelike(t, lex, names, first=words == 0):
            # an ال family name after a known first name: أحمد الحربي
            if (words == 1 and t.norm.startswith("ال") and toks[j].norm in names
                    and _family_name_after(toks, norms, j, e, lex, vocab) and not match_phrase(norms, e, lex.person_titles)):
                family = toks[e]
                e += 1
                words += 1
            break
        e += 1
        words += 1
    if words == 0:
        return j
    run = [toks[x] for x in range(j, e) if not toks[x].clitic and not INITIAL.fullmatch(toks[x].norm)]
    if all(t.norm in lex.stopwords for t in run):
        return j
    if not any(t.norm in names or vocab.count(t.norm) <= 3 * lex.rare_word_count for t in run):
        return j
    if len(run) == 1 and (run[0].norm not in names or vocab.count(run[0].norm) > 3 * lex.rare_word_count
                          or people_plural(run[0].norm, vocab)):
        return j  # a lone word after a cue is a name only if it is a known, not too common, name word, no people (اليهود)
    if len(run) == 1 and lex.org_chains is not None and run[0].norm.startswith("ال") \
            and run[0].norm[2:] in lex.org_chains.office_holders:
        return j  # وقال القاضي، وأضاف السفير: an office alone (القاضي is also a family name, after a given name)
    if any(_inflected(t.norm, vocab, lex) or (t.norm not in names and future_verb(t.norm, vocab)) for t in run):
        return j
    if any(t.norm not in names and (t.norm.endswith("ه") or k < len(run) - 1) and common_shaped(t.norm, vocab)
           for k, t in enumerate(run)):
        return j  # ضوابط صارمة، بيع متصفح: a common noun or adjective (a last name may look like one: دواير)
    if any(t.norm not in names and t is not family and vocab.count(t.norm) > lex.common_word_count
           and (len(t.norm) >= 4 or (len(t.norm) == 3 and t.norm[0] in "يتن" and k > 0)) for k, t in enumerate(run)):
        return j  # دراسة أميركية حديثة، نصي يصل: a common word or a short imperfect verb is no part of a name
    return e


def _family_name_after(toks: list[Token], norms: list[str], j: int, e: int, lex: RuleLexicon, vocab: Vocabulary) -> bool:
    """May the ال-word at e be the family name after the known name at j? A rare one may (أحمد
    الحربي). A frequent one (نورة الفايز، المالكي) is as often the verb's object, a time or an adjective
    (أضاف مانينغ القول، صباح الجمعة، الجنرال الأميركي): only after an Arabic given name of the list that is
    no common noun itself (الصباح), with the article written as such (not إلى), no time word, no plural,
    and a speech's complementizer or punctuation after it."""
    w = norms[e]
    if vocab.count(w) <= lex.rare_word_count:
        return not governing_participle(toks, e, vocab, frozenset())
    nxt = norms[e + 1] if e + 1 < len(norms) else "."
    return (given_name_key(toks[j].text) in lex.given_names and vocab.count("ال" + norms[j]) < 5
            and toks[e].text.startswith("ال") and w not in lex.stopwords and w not in lex.time_words
            and not w.endswith(("ين", "ون", "ات")) and (not WORD_CHAR.match(nxt) or nxt in lex.family_name_followers))


def governing_participle(toks: list[Token], k: int, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """Token k is a definite participle that governs the preposition after it (X المقيم في، المنتمي لـ،
    المشرف على): a description of the person, no family name. Its sound plural or feminine is frequent
    in news (المقيمين، المشاركة); a family name has neither (المالكي، المولد) or is a known name word
    (المعلم)."""
    w = toks[k].norm
    if not (w.startswith("الم") and len(w) >= 6) or w in names or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    if not ((nxt.clitic and nxt.norm in ("ل", "ب")) or nxt.norm in GOVERNED_PREPOSITIONS):
        return False
    if w.endswith("ي"):
        return vocab.count(w[:-1] + "ين") >= 15  # المنتمي/المنتمين، الموالي/الموالين (not المصري/المصريين)
    return vocab.count(w + "ين") >= 20 or vocab.count(w + "ه") >= 50


GOVERNED_PREPOSITIONS = frozenset({"في", "علي", "عن", "من", "الي", "مع", "لدي", "ضد", "له", "لها", "لهم"})


def given_name_key(word: str) -> str:
    """A given name's normalised spelling that keeps a final ى: منى is a name, مني (from me) is not."""
    key = normalize(word).text
    return key[:-1] + "ى" if word.endswith("ى") and key.endswith("ي") else key


def people_plural(w: str, vocab: Vocabulary, min_count: int = 100) -> bool:
    """An ال-word that names a people or a sect, or a common noun: the collective or broken plural or
    the base of a relative adjective that news uses often (اليهود/يهودي، الشيعة/شيعي، الأتراك/تركي as
    أفعال، الهنود/هندي as فعول، الشخص/شخصي). A family name has no such adjective (الحريري; أسدي and
    حسني are rare beside الأسد، الحسن)."""
    if not w.startswith("ال") or len(w) < 5:
        return False
    bare = w[2:]
    stems = {bare}
    if bare.endswith("ه"):
        stems.add(bare[:-1])
    if len(bare) == 5 and bare[0] == "ا" and bare[3] == "ا":
        stems.add(bare[1:3] + bare[4])  # أفعال: أتراك، أكراد
    if len(bare) == 4 and bare[2] == "و":
        stems.add(bare[:2] + bare[3])  # فعول: هنود
    return any(vocab.count(x + "ي") + vocab.count("ال" + x + "ي") >= min_count for x in sorted(stems))


PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن", "كم")


def _inflected(w: str, vocab: Vocabulary, lex: RuleLexicon) -> bool:
    """An adverbial accusative (إخفاقا تجاريا) or a noun with a pronoun suffix (لزبائنها):
    grammar that ordinary words carry and names do not."""
    if len(w) >= 5 and w.endswith(PRONOUN_SUFFIXES):
        return True
    if len(w) >= 5 and w.endswith("ه") and vocab.count(w[:-1]) > lex.common_word_count:
        return True  # تطويره، لتطبيقه: a common noun with the pronoun suffix
    if len(w) >= 4 and w.endswith("ا"):
        stem = w[:-1]
        return vocab.count(stem) + vocab.count(stem + "ه") > lex.common_word_count
    return False


def _ends_name(norms: list[str], e: int, lex: RuleLexicon) -> bool:
    """A name after a cue or title ends at punctuation, a preposition, a title, a cue or a
    complementizer; anything else (an ال-noun, a verb) means the words were no name."""
    w = norms[e]
    if e + 1 < len(norms) and regex.fullmatch(r"[A-Z][a-z]+", w) and regex.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", norms[e + 1]):
        return True  # بافل دوروف Pavel Durov: the name's Latin spelling follows it
    return (not WORD_CHAR.match(w)) or w in lex.name_end_words or w in lex.cues or bool(match_phrase(norms, e, lex.person_titles))


def _institute_complement(toks: list[Token], j: int, adjectives: frozenset[str] = frozenset(),
                          ch: "OrgChains | None" = None) -> int:
    """Extend معهد X with its field: ل + an ال-noun and up to one ال-adjective (للذكاء الاصطناعي), with ``ch``
    more fields joined by و (``coordinated_member``); or with one adjective of bodies (``adjectives``: مختبر
    لوس ألاموس الوطني)."""
    if j < len(toks) and not toks[j].clitic and toks[j].norm in adjectives:
        return j + 1
    if j + 1 < len(toks) and toks[j].clitic and toks[j].norm == "ل" and toks[j + 1].norm.startswith("ال"):
        j += 2
        if j < len(toks) and toks[j].norm.startswith("ال") and not toks[j].clitic and toks[j - 1].space_after \
                and toks[j].text.startswith("ال") and toks[j].norm not in DEPENDENCY_WORDS:
            j += 1  # not إلى (normalised الى), nor التابع: the name has ended (مركز X للزلازل التابع لـ)
        while ch is not None and j + 1 < len(toks) and toks[j].clitic and toks[j].norm == "و" \
                and toks[j].end == toks[j + 1].start and toks[j + 1].text.startswith("ال") \
                and not toks[j + 1].norm.endswith(("ون", "ين")) \
                and coordinated_member(toks, [t.norm for t in toks], j + 1, ch, frozenset()):
            j += 2  # مركز الملك سلمان للإغاثة والأعمال الإنسانية: a second field joined by و (not والمسؤولون)
            if j < len(toks) and toks[j].text.startswith("ال") and not toks[j].clitic \
                    and nisba_shaped(toks[j].norm, frozenset()) and toks[j].norm not in DEPENDENCY_WORDS:
                j += 1
    return j


def _quoted_name(toks: list[Token], norms: list[str], j: int, lex: RuleLexicon, limit: int = 5) -> int:
    """Index of the closing quotation mark of a short quoted name at j (0 if none): up to
    ``limit`` words, no punctuation inside, not opening with a function word."""
    if j >= len(toks) or norms[j] not in OPEN_QUOTES:
        return 0
    for e in range(j + 1, min(len(toks), j + 2 + limit)):
        if norms[e] in CLOSE_QUOTES:
            spelled = all(norms[x] in lex.latin_letter_names for x in range(j + 1, e))  # "إن إس أو": letters, not "that"
            return e if e > j + 1 and (norms[j + 1] not in lex.stopwords or spelled) else 0
        if not WORD_CHAR.match(norms[e]) and norms[e] not in {".", "-", "&"}:
            return 0
    return 0


def _skip_quote(toks: list[Token], j: int) -> int:
    if j < len(toks) and toks[j].norm in {'"', "“", "”", "«", "'"}:
        return j + 1
    return j


# list separators, also read by the merge stage (stages/merge.py)
# a quoted member keeps its quotation marks outside the gap («شات جي بي تي» و«جيميني»)
LIST_GAP = regex.compile(r"\s*[\"«»“”]?\s*(?:[،,]\s*(?:و|أو|او)?|و|أو|او)\s*[\"«»“”]?\s*")
