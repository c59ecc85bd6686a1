"""The merge stage: all mentions of an article become one consistent set.

KB, rule, date and model mentions overlap; ``merge_mentions`` keeps the strongest of each
overlap, names and mentions tagged once are propagated to their other occurrences, models
in lists and surnames typed as organisations are corrected, and every name gets one type
(KB > rule > model). The ``merge`` component in ``pipeline.factories`` chains these."""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from ..doc import Document, Mention
from .normalize import normalize, visible
from .segment import Token, Vocabulary
from .tagger import (ARABIC_START, FROM_BEFORE, governing_participle, people_plural, doc_norm, gap_is, CLOSE_QUOTES, LIST_GAP, MODEL_WORDS, OPEN_QUOTES, TYPE_PRIORITY, RuleLexicon,
                     _inflected, _skip_letters, common_shaped, future_verb, given_name_key, grammar_shaped, imperfect_verb,
                     match_phrase, nisba_shaped)


def bodies_with_their_nisba(doc: Document, mentions: list[Mention], lex: RuleLexicon,
                            aliases_of=lambda kb_id: ()) -> list[Mention]:
    """A KB body named by its head noun takes the country adjective written after it (لجنة الأوراق المالية
    والبورصات الأمريكية، المعهد الوطني للمعايير والتكنولوجيا الأمريكي), as a rule chain does (وزارة الدفاع
    الأمريكية): the adjective is part of the name as written. A company (مايكروسوفت الأمريكية) is described,
    not named, by it, so only aliases that start with a head noun take it, or with هيئة/إدارة (a weak head, but
    a government body's: هيئة المنافسة والأسواق البريطانية; not a university's). Where the KB entry names its
    country with another adjective (``aliases_of``: مجلس الشيوخ الأمريكي), the adjective written says it is
    another country's body (مجلس الشيوخ النيجيري): the mention keeps no KB id."""
    ch = lex.org_chains
    if ch is None or not doc.tokens:
        return mentions
    first = {t.start: k for k, t in enumerate(doc.tokens)}
    last = {t.end: k for k, t in enumerate(doc.tokens)}
    starts = {m.start for m in mentions}
    out = []
    for m in mentions:
        if m.type == "ORG" and m.source == "kb" and m.start in first and m.end in last:
            toks = doc.tokens
            head, k = toks[first[m.start]].norm, last[m.end] + 1
            if (head in ch.heads.by_first or head in ch.definite_heads or head in ch.open_heads or head in ch.without_names) \
                    and k < len(toks) and not toks[k].clitic \
                    and toks[k].norm in ch.nisba and toks[k].start not in starts and doc.text[m.end:toks[k].start].isspace():
                text = doc.text[m.start:toks[k].end]
                known = {normalize(a).text for a in aliases_of(m.kb_id)}
                alias = normalize(m.text).text
                other_country = normalize(text).text not in known and any(
                    a.startswith(alias + " ") and a.split()[-1] in ch.nisba for a in known)
                if other_country:
                    m = Mention(m.start, toks[k].end, text, m.type, "rule", 0.7, canonical=text)
                else:
                    m = Mention(m.start, toks[k].end, text, m.type, m.source, m.confidence,
                                canonical=m.canonical, entity_id=m.entity_id, kb_id=m.kb_id)
        out.append(m)
    return out


def merge_mentions(mentions: list[Mention], text: str = "", name_word=None, org_suffix=None) -> list[Mention]:
    """Non-overlapping entity mentions: KB first, then rules, then the statistical model;
    longer spans win within a source. DATE mentions are kept as they are. ``text``: the document's;
    ``name_word``: whether a normalised word may go on a foreign company's name (see
    rule_name_the_model_goes_on_past); ``org_suffix``: whether a word ends a company's name (نيوز، سيستمز)."""
    dates = [m for m in mentions if m.type == "DATE"]
    # A place inside an organisation named by its head noun is part of that name (بورصة هونغ كونغ).
    chains = [(m.start, m.end) for m in mentions if m.type == "ORG" and m.source == "rule"]
    others = [m for m in mentions if m.type != "DATE" and not (
        m.type == "LOC" and any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in chains))]
    others = [kb_name_with_its_field(m, mentions) for m in others]
    if org_suffix is not None:
        others = [kb_name_with_its_suffix(m, mentions, org_suffix) for m in others]
    if name_word is not None:
        others = [rule_name_the_model_goes_on_past(m, mentions, name_word) for m in others]
    others = [m for m in others if not kb_name_of_a_longer_chain(m, mentions) and not kb_name_of_a_quoted_model(m, mentions, text)
              and not kb_model_starting_a_latin_organisation(m, mentions) and not kb_version_ending_a_model(m, mentions, text)
              and not kb_model_starting_a_latin_model(m, mentions) and not kb_name_ending_a_latin_person(m, mentions)]
    others.sort(key=lambda m: (TYPE_PRIORITY.get(m.source, 3), -(m.end - m.start), m.start))
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in others:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        kept.append(m)
        taken.append((m.start, m.end))
    return sorted(kept + dates, key=lambda m: (m.start, m.end))


def kb_name_of_a_longer_chain(m: Mention, mentions: list[Mention]) -> bool:
    """A KB organisation that an organisation chain of the rules goes on past with a field joined
    by و: the chain names the body (مكتب الحوسبة والأمن السيبراني holds a KB's مكتب الحوسبة; هيئة
    الأوراق المالية والسلع is no هيئة الأوراق المالية), so the KB's shorter name gives way to it."""
    if m.source != "kb" or m.type != "ORG":
        return False
    return any(r.source == "rule" and r.type == "ORG" and r.start == m.start and r.end > m.end
               and r.text[m.end - r.start:].lstrip().startswith("و") for r in mentions)


FIELD_COMPLEMENT = regex.compile(r"\s+لل\p{Arabic}+(?:\s+ال\p{Arabic}+)?")
INSTITUTE_HEAD = regex.compile(r"(?:ال)?(?:معهد|جامع[ةه]|مركز|[أا]كاديمي[ةه]|كلي[ةه]|مختبر)\s")


def kb_name_with_its_field(m: Mention, mentions: list[Mention]) -> Mention:
    """A KB institute that a rule's name goes on past with its field (معهد فيكتور للذكاء الاصطناعي: the KB
    lists معهد فيكتور): the mention takes the whole name and keeps the KB's identity. Only an institute: a
    company or a commission is named without its field (أرامكو للاكتتاب، المفوضية الأوروبية للتجارة)."""
    if m.source != "kb" or m.type != "ORG" or not INSTITUTE_HEAD.match(m.text):
        return m
    return _extended_to(m, mentions, "rule", lambda rest: FIELD_COMPLEMENT.fullmatch(rest))


def _extended_to(m: Mention, mentions: list[Mention], source: str, rest_ok) -> Mention:
    """``m`` carried to the end of a longer ORG mention of ``source`` that starts where it does, when the
    words it adds pass ``rest_ok``; its identity (KB id, canonical) stays."""
    for r in mentions:
        if r.source == source and r.type == "ORG" and r.start == m.start and r.end > m.end \
                and rest_ok(r.text[m.end - r.start:]):
            return replace(m, end=r.end, text=r.text)
    return m


def kb_name_with_its_suffix(m: Mention, mentions: list[Mention], org_suffix) -> Mention:
    """A KB organisation that a rule's name goes on past by one company suffix (بلومبرغ نيوز، سامبانوفا سيستمز,
    SambaNova Systems): the longer name is the one written, and keeps the KB's identity."""
    if m.source != "kb" or m.type != "ORG":
        return m
    return _extended_to(m, mentions, "rule",
                        lambda rest: regex.fullmatch(r"\s\S+", rest) and org_suffix(normalize(rest.strip()).text))


def rule_name_the_model_goes_on_past(m: Mention, mentions: list[Mention], name_word) -> Mention:
    """A one-word company name a head noun announced (شركة كوكا) that the statistical model reads one word longer
    (كوكا كولا، كامبردج أناليتيكا): the rule stopped at a word it could not take (ك + ولا as the segmenter cut it,
    a name made frequent by the news), and the model's longer name is the company's, unless that word is no name
    word (a given name, a verb, a common or definite word: شركة بلاكستون ستيفن، شركة زورفيكس تختص)."""
    if m.source != "rule" or m.type != "ORG" or " " in m.text.strip():
        return m
    return _extended_to(m, mentions, "ner",
                        lambda rest: regex.fullmatch(r" \p{Arabic}{3,}", rest) and name_word(normalize(rest.strip()).text))


def foreign_name_word(w: str, lex: RuleLexicon, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """A normalised word that may go on a foreign company's name: no article, function word, time word, person's
    name, verb or common-shaped word."""
    if w[:1] in "وفبلك" and (vocab.count(w[1:]) >= 20 or common_shaped(w[1:], vocab)):
        return False  # بشركة: a proclitic the segmenter left on a common word
    return not w.startswith("ال") and w not in lex.stopwords and w not in lex.time_words and w not in names \
        and given_name_key(w) not in lex.given_names and not imperfect_verb(w, vocab) and not future_verb(w, vocab) \
        and not common_shaped(w, vocab) and not grammar_shaped(w, vocab)


QUOTED_EDGES = (regex.compile(r"[«\"“”]\s*$"), regex.compile(r"^\s*[»\"”“]"))


def kb_model_starting_a_latin_organisation(m: Mention, mentions: list[Mention]) -> bool:
    """A KB model whose Latin name a rule's organisation goes on past with more Latin words (لشركة Helix Labs:
    Figure's Helix is no part of it): the company word or the suffix named the whole as a company."""
    if m.source != "kb" or m.type != "MODEL" or not m.text.isascii():
        return False
    return any(r.source == "rule" and r.type == "ORG" and r.start == m.start and r.end > m.end
               and regex.fullmatch(r"[\s\-]+[A-Za-z][\w.&\- ]*", r.text[m.end - r.start:])
               and not LATIN_AI_TAIL.fullmatch(r.text[m.end - r.start:]) for r in mentions)


LATIN_AI_TAIL = regex.compile(r"[\s\-]+A\.?I\.?")  # Claude AI: the model, as its app calls itself


def kb_model_starting_a_latin_model(m: Mention, mentions: list[Mention]) -> bool:
    """A KB model that a rule's model name, announced by a model word, goes on past with a capitalised Latin word
    (نموذج Gemini Diffusion: a variant the KB does not list): the whole name is the model."""
    if m.source != "kb" or m.type != "MODEL" or not m.text.isascii():
        return False
    return any(r.source == "rule" and r.type == "MODEL" and r.start == m.start and r.end > m.end
               and regex.fullmatch(r"\s+[A-Z][a-z]{2,}(?:\s+[A-Z\d][\w.]*)?", r.text[m.end - r.start:])
               and not LATIN_AI_TAIL.fullmatch(r.text[m.end - r.start:]) for r in mentions)


def kb_name_of_a_quoted_model(m: Mention, mentions: list[Mention], text: str) -> bool:
    """A KB model that starts a quoted model name the rules read whole (روبوت المحادثة «جيس شات»): the quotation
    marks bound the product's name, so the KB's first word gives way to it. Not a KB organisation: a quoted
    phrase that starts with a company's name is mostly about the company."""
    if m.source != "kb" or m.type != "MODEL" or not text:
        return False
    return any(r.source == "rule" and r.type == "MODEL" and r.start == m.start and r.end > m.end
               and QUOTED_EDGES[0].search(text, 0, r.start) and QUOTED_EDGES[1].match(text[r.end:r.end + 3])
               for r in mentions)


def kb_name_ending_a_latin_person(m: Mention, mentions: list[Mention]) -> bool:
    """A Latin KB organisation or model that ends a Latin person's name the rules read after a cue or a title
    (قال John Mercer: Mercer is one letter from the KB's Mercor, Ford ends Harrison Ford): the person's surname."""
    if m.source != "kb" or m.type not in ("ORG", "MODEL") or not m.text.isascii():
        return False
    return any(r.source == "rule" and r.type == "PERSON" and r.end == m.end and r.start < m.start and r.text.isascii()
               for r in mentions)


SHORT_VERSION_NAME = regex.compile(r"(?:\p{L}{1,3}[\s\-]?\d{1,2}(?:\.\d)?)")


def kb_version_ending_a_model(m: Mention, mentions: list[Mention], text: str = "") -> bool:
    """A KB model named by a letter and a number (آر 1، R1، K2) that ends a longer model name the rules read after a
    model word (نموذج الاستدلال فيرالو آر 1): the letter is that model's version, not another lab's R1. The two may
    end a direction mark apart (آر \u200f1\u200f)."""
    if m.source != "kb" or m.type != "MODEL" or not SHORT_VERSION_NAME.fullmatch(visible(m.text)):
        return False
    return any(r.source == "rule" and r.type == "MODEL" and r.start < m.start and r.end > m.start
               and not visible(text[min(r.end, m.end):max(r.end, m.end)]).strip() for r in mentions)


def propagate_names(doc: Document, mentions: list[Mention], vocab: Vocabulary, max_count: int = 360,
                    compound_heads: frozenset[str] = frozenset()) -> list[Mention]:
    """Later (or earlier) bare occurrences of a tagged person's surname: أسس لامبرت … after
    ناثان لامبرت. Only surnames rare in news, so a common word is never made a person, and no second
    half of a compound given name (``compound_heads``: رامي عبد الرحمن ends in a given name, and فيلق
    الرحمن names no person)."""
    covered = [(m.start, m.end) for m in mentions]
    surnames: dict[str, Mention] = {}
    first_names: dict[str, set[str]] = {}
    for m in mentions:
        if m.type != "PERSON":
            continue
        words = normalize(m.text).text.split()
        if (len(words) >= 2 and len(words[-1]) >= 3 and vocab.count(words[-1]) <= max_count
                and words[-2] not in compound_heads
                and not common_shaped(words[-1], vocab)  # ابن كثير: كثير alone is a common word
                and not people_plural(words[-1], vocab, 1000)):  # ديوان العرب: a people is no surname (a family
            # name may have a rarer relative adjective: الفيصل/الفيصلي, hence the high count)
            surnames.setdefault(words[-1], m)
        if len(words) >= 2 and m.source in ("kb", "rule") and len(words[0]) >= 3 and vocab.count(words[0]) <= max_count // 3 \
                and not common_shaped(words[0], vocab):
            first_names.setdefault(words[0], set()).add(" ".join(words))
        elif (len(words) >= 3 and m.source == "kb" and len(words[0]) >= 2 and vocab.count(words[0]) <= 3 * max_count
              and not words[0].startswith("ال")):  # الشيخ، الأمير: a title the KB alias carries
            # شي after شي جين بينغ، كيم after كيم جونغ أون: a three-word name the KB knows is often
            # surname-first (Chinese, Korean), and news shortens it to that first word
            first_names.setdefault(words[0], set()).add(" ".join(words))
    for w, fulls in first_names.items():  # بينج after بينج شياو: a first name rare in news, of one person only
        if len(fulls) == 1 and w not in surnames:
            surnames[w] = next(m for m in mentions if m.type == "PERSON" and normalize(m.text).text.split()[:1] == [w])
    out: list[Mention] = []
    for t in doc.tokens:
        m = surnames.get(t.norm)
        if m is None or any(s < t.end and t.start < e for s, e in covered):
            continue
        out.append(Mention(t.start, t.end, t.text, "PERSON", "coref", 0.75))
    norm = doc_norm(doc)
    for m in mentions:  # بافل دوروف Pavel Durov: the Latin spelling written right after the name
        g = norm.match_at(LATIN_GLOSS, m.end)[0] if m.type == "PERSON" and ARABIC_START.match(m.text) else None
        gs, ge = norm.to_original(*g.span(1)) if g else (0, 0)
        if g and not any(s < ge and gs < e for s, e in covered):
            out.append(Mention(gs, ge, doc.text[gs:ge], "PERSON", "coref", 0.75))
    return out


LATIN_GLOSS = regex.compile(r"[ \t]+((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?: (?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|van|von|de|bin|El|Al)){1,3})"
                            r"(?![\p{L}\p{N}])")


def article_common(w: str, vocab: Vocabulary) -> bool:
    """An ال-word whose bare form news also uses often: a common noun with the article
    (المسلمين/مسلمين), not a name that carries one (الحريري، الكرملين)."""
    bare = vocab.count(w[2:])
    return w.startswith("ال") and bare >= 2 and 4 * bare >= vocab.count(w)


def filter_model_mentions(doc: Document, mentions: list[Mention], lex: RuleLexicon, vocab: Vocabulary,
                          names: frozenset[str]) -> list[Mention]:
    """Mentions without the statistical NER's PERSON/ORG candidates that hold no name word, and
    without a KB model name that is the second word of a person's name (جان كلود يونكر)."""
    first = {t.start: i for i, t in enumerate(doc.tokens)}
    products = product_spans(doc, lex)
    foreign = models_named_as_places(doc.tokens, [m for m in mentions if m.source == "kb" and m.type == "MODEL"], first, lex)
    agencies = [r for r in mentions if r.source == "rule" and r.type == "ORG"]
    out = []
    for m in mentions:
        if m.source == "kb" and m.type == "ORG" and m.kb_id in lex.parent_bodies and any(
                r.start <= m.start and m.end < r.end and r.text[m.end - r.start:].lstrip().startswith("ل") for r in agencies):
            continue  # برنامج الأمم المتحدة للبيئة: an agency of the UN, not the UN (tagger.agencies_of_parent_bodies)
        if m.source == "kb" and m.type == "MODEL" and m.start in first and model_alias_in_person_name(
                doc.tokens, first[m.start], m, names, lex.stopwords, product_head_words(lex)):
            continue
        if id(m) in foreign:
            continue
        if m.source != "kb" and m.type in ("PERSON", "ORG", "MODEL") and any(s < m.end and m.start < e for s, e in products):
            continue  # هاتف آيفون، غالاكسي إس 9: a device or system is no entity (the KB's assistants stay)
        if m.source == "kb" and m.type == "MODEL" and model_alias_misread(doc.tokens, m, first, lex, vocab, names):
            continue
        if m.source == "ner" and m.type in ("PERSON", "ORG") and m.start in first and lex.honorific_verbs:
            m = before_honorific(doc, m, first[m.start], lex)
            if m is None:
                continue
        if m.source == "ner" and m.type == "PERSON" and m.start in first and quoted_after_name_head(doc.tokens, first[m.start], lex, names):
            continue  # تطبيق «رفيق»، مسلسل «سلمى»: the quoted name of an app, a series, a street, no person
        if m.source == "ner" and m.type == "PERSON" and m.start in first:
            m = trim_person_edges(doc, m, first[m.start], lex, vocab, names)
            if m is None:
                continue
        if m.source == "ner" and m.type in ("PERSON", "ORG") and m.start in first:
            i = first[m.start]
            words = []
            while i < len(doc.tokens) and doc.tokens[i].end <= m.end:
                if not doc.tokens[i].clitic:
                    words.append(doc.tokens[i].norm)
                i += 1
            if not model_mention_is_name(m, words, lex, vocab, names):
                continue
            if m.type == "PERSON" and len(words) == 1 and people_plural(words[0], vocab):
                continue  # اليهود، الأتراك، الهنود: a people or a sect, no person
            if m.type == "ORG" and common_noun_before_adjective(words, doc.tokens, i, lex):
                continue
            if after_index_word(doc.tokens, first[m.start], lex):
                continue
            k = first[m.start]
            if any(d.type == "DATE" and d.start <= m.start and m.end <= d.end for d in mentions):
                continue  # 27 أبريل/نيسان: a month name inside a date is no organisation or person (لويجي دي مايو stays)
            if m.type == "PERSON" and doc.tokens[k].clitic and k + 1 < i and doc.tokens[k].norm in ("و", "ب", "ل", "ف") \
                    and doc.tokens[k].end == doc.tokens[k + 1].start and not doc.tokens[k + 1].clitic:
                s0 = doc.tokens[k + 1].start  # و + محمد: the NER took the split conjunction into the name
                m = replace(m, start=s0, text=doc.text[s0:m.end])
            elif m.type == "PERSON" and words and glued_proclitic(doc.tokens[k], words[0], lex, vocab, names):
                m = replace(m, start=m.start + 1, text=m.text[1:])
            elif m.type == "PERSON":
                j = split_name_start(doc.tokens, first[m.start], names, vocab, lex.rare_word_count)
                if j < first[m.start]:
                    s0 = doc.tokens[j].start
                    m = replace(m, start=s0, text=doc.text[s0:m.end])
        out.append(m)
    return models_compared_between(doc, arabic_models_in_model_lists(doc, latin_models_beside_models(doc, out, products), vocab, names),
                                   vocab, names, products)


HONORIFIC_SUFFIXES = ("هما", "هم", "ها", "ه")


def honorific_at(toks: list[Token], k: int, lex: RuleLexicon) -> bool:
    """Token k starts a formula of blessing before الله (حفظه الله، يرحمه الله، رضي الله عنه): a verb of the
    lexicon's ``honorific_verbs`` with an object pronoun as written (ه, not the ة of هبة الله), or one that takes
    none (رضي، صلى). نصر الله and عبد الله stay names: no pronoun."""
    if k + 1 >= len(toks) or toks[k + 1].norm != "الله" or toks[k].clitic:
        return False
    if toks[k].norm in lex.honorific_verbs:
        return toks[k].norm in lex.honorific_bare
    return honorific_stem(toks[k], lex)


def before_honorific(doc: Document, m: Mention, k: int, lex: RuleLexicon) -> Mention | None:
    """A statistical-NER name cut before the formula of blessing it ran into (فهد بن عبد العزيز رحمه الله), or
    None when the formula is all of it (حفظهم الله is no organisation)."""
    toks = doc.tokens
    j = k
    while j < len(toks) and toks[j].end <= m.end:
        last = j + 1 == len(toks) or toks[j + 1].start >= m.end
        if honorific_at(toks, j, lex) or (last and j > k and honorific_stem(toks[j], lex)):
            break
        j += 1
    else:
        return m
    if j == len(toks) or toks[j].start >= m.end:
        return m
    e = j
    while e > k and (toks[e - 1].clitic or not regex.match(r"\p{L}", toks[e - 1].norm)):
        e -= 1
    if e == k:
        return None
    return replace(m, end=toks[e - 1].end, text=doc.text[m.start:toks[e - 1].end])


def honorific_stem(tok: Token, lex: RuleLexicon) -> bool:
    """A formula verb with its pronoun at a span's end, its الله cut off (سعود الفيصل رحمه)."""
    for suf in HONORIFIC_SUFFIXES:
        if tok.text.endswith(suf) and len(tok.norm) > len(suf) + 1:
            stem = tok.norm[:-len(suf)]
            return stem in lex.honorific_verbs or (stem[:1] in "يت" and stem[1:] in lex.honorific_verbs)
    return False


def conjugated_verb(w: str, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """A verb the word counts show conjugating, never a name: a perfect with its feminine and plural
    forms attested (قاد: قادت، قادوا), an imperfect in two persons (يصل: تصل), a future (سيعلن).
    Known name words (يزيد، خالد) are no verbs here."""
    if w in names or not ARABIC_START.match(w) or len(w) < 3:
        return False
    if future_verb(w, vocab):
        return True
    if w[0] in "يت" and len(w) >= 4 and min(vocab.count("ي" + w[1:]), vocab.count("ت" + w[1:])) >= 20:
        return True  # both persons common: يصل، تصل (a name such as تامر is rare as يامر)
    return vocab.count(w + "ت") >= 5 and vocab.count(w + "وا") >= 3


def person_edge_word(toks: list[Token], k: int, lex: RuleLexicon, vocab: Vocabulary, names: frozenset[str],
                     last: bool) -> bool:
    """Whether token k, at the first or last place of a statistical-NER person, is grammar that the
    model's span ran over: a preposition (قال X عن، على X), a conjugating verb (X سارع; before the name an
    imperfect, or a perfect only before a known name word: وصل كريم), and at
    the end a ل/ب + common word (X لقناة، X بذنبه), the accusative of a common word (تعيين X وزيرا),
    or a pronoun-suffixed noun (X نواياها). A definite word is left: ال-family names look like
    participles (المانع، المقبل)."""
    t = toks[k]
    w = t.norm
    if not ARABIC_START.match(w):
        return False
    hamza_lost = (w[:1] == "ا" or w[1:2] == "ا" and w[0] in "فوبل") and not any(h in t.text for h in "أإآ")
    if w in lex.stopwords and (not w.startswith("ال") or t.text[:1] in "أإآ") and not hamza_lost and (
            w not in names or t.text.endswith("ى")):
        return True  # على is a preposition, علي a name (the normaliser writes both علي); المقبل is also a family
        # name, and فان without its hamza is Van (كارل فان), not فإن; إلى is written الي, but with its hamza
    if not last:
        nxt = "".join(t.norm for t in toks[k + 1:k + 3]) if k + 1 < len(toks) and toks[k + 1].clitic else (
            toks[k + 1].norm if k + 1 < len(toks) else "")  # ك + ريم: the segmenter split a name
        return conjugated_verb(w, vocab, names) and (w[0] in "يت" or nxt in names)  # وصل كريم; أدين is a first name too
    if conjugated_verb(w, vocab, names):
        return True
    if w in names:
        return False
    if len(w) > 4 and w[0] in "لب" and not t.clitic and common_after_proclitic(w[1:], w, vocab, lex):
        return True  # لقناة، بالمدانين
    if len(w) >= 4 and w.endswith("ا") and vocab.count(w[:-1]) >= 20 and vocab.count("ال" + w[:-1]) >= 3:
        return True  # وزيرا، حشودا: the common word also takes the article (كيتا does not)
    if any(w.endswith(suf) and len(w) - len(suf) >= 4 and vocab.count(w[:-len(suf)]) >= 20 for suf in ("هما", "ها", "هم")):
        return True  # نواياها: a counted noun with a pronoun (براهم is a name)
    stem = w[:-1]  # ه ends many names (حميده، طعمه، زاده): a noun only when it also takes ها and the article
    return (t.text[-1:] == "ه" and len(stem) >= 3 and vocab.count(stem) >= 20 and vocab.count(stem + "ها") >= 3
            and vocab.count("ال" + stem) >= 3)  # نجله، تراجعه


def common_after_proclitic(rest: str, joined: str, vocab: Vocabulary, lex: RuleLexicon) -> bool:
    """Whether the word after a ل/ب (split off or not) is a common word rather than the rest of a name:
    more frequent alone than with the letter and above the rare-word count (لقناة), pronoun-suffixed or
    accusative (بذنبه), or a counted ال-word (بالمدانين). لوبان، بدوي، بيون، لاليو stay names."""
    n = vocab.count(joined)
    return (vocab.count(rest) > max(lex.rare_word_count, n) or _inflected(rest, vocab, lex)
            or rest.startswith("ال") and vocab.count(rest) >= max(20, 4 * n))  # not لاليو: اليو is no word


def definite_plural(w: str, names: frozenset[str]) -> bool:
    """A masculine sound plural with the article (الحوثيين، المسلمين، الديمقراطيون): a group, never a
    person's first word (a family name in ال…ين is a known name word: الحسين)."""
    return w.startswith("ال") and len(w) >= 7 and w.endswith(("ين", "ون")) and w not in names


def trim_person_edges(doc: Document, m: Mention, k: int, lex: RuleLexicon, vocab: Vocabulary,
                      names: frozenset[str]) -> Mention | None:
    """A statistical-NER person without the grammar its span ran over at either edge (see
    `person_edge_word`); a split ل/ب/و and what follows it at the end (X لقناة، X وY) go too, unless
    they join into a known name. The model takes a name's neighbours into the name; the check for a
    name word (`model_mention_is_name`) then sees only what is left; None when a leading preposition
    or verb led into ال-words only."""
    toks = doc.tokens
    j = k
    while j < len(toks) and toks[j].end <= m.end:
        j += 1
    s, e = k, j  # tokens s..e-1
    norms = [t.norm for t in toks]
    title = next((x for x in range(s + 1, e) if match_phrase(norms, x, lex.person_titles)
                  and not (x == e - 1 and norms[x - 1] in names)), e)
    e = title  # X المدير التنفيذي: a title after the name starts its description (أمين السيد: a family name)
    while e - s > 1 and match_phrase(norms, s, lex.person_titles) and s + match_phrase(norms, s, lex.person_titles) < e:
        s += match_phrase(norms, s, lex.person_titles)  # كولونيل X
    while e - s > 1:
        last = toks[e - 1]
        before = toks[e - 2]
        joined = before.norm + last.norm
        if e - 2 > s and before.clitic and before.norm in ("ل", "ب", "و") and joined not in names and (
                common_after_proclitic(last.norm, joined, vocab, lex) or before.norm == "و" and last.norm in names):
            e -= 2  # X لقناة، X وY: a split proclitic and a common word or a second name
        elif person_edge_word(toks, e - 1, lex, vocab, names, last=True) or (
                lex.org_chains is not None and last.norm in lex.org_chains.adjectives and last.norm not in names
                and last.norm.endswith(("ي", "يه"))):
            e -= 1  # a relative adjective of bodies (مطار الملك عبدالعزيز الدولي) ends no person's name (المحافظ may
            # be the governor)
        elif e == j and governing_participle(toks, e - 1, vocab, names) and (
                before.norm in names or vocab.count("ال" + before.norm) < 3):
            e -= 1  # رافايل كوريا المقيم في: the description after the name (not وكيل المحافظ: a title)
            break
        else:
            break
    while e - s > 1 and not toks[s].clitic and person_edge_word(toks, s, lex, vocab, names, last=False):
        s += 1
    if e - s > 2 and definite_plural(toks[s].norm, names) and any(toks[x].norm in names for x in range(s + 1, e)):
        s += 1  # زعيم الحوثيين عبد الملك الحوثي: the group the title governs, then the name
    if (s, e) == (k, j) or e <= s:
        return m
    if s > k and all(toks[x].norm.startswith("ال") and toks[x].norm not in names for x in range(s, e)):
        return None  # على الناشط البحريني: what a preposition led into is a description, no name
    start, end = toks[s].start, toks[e - 1].end
    return replace(m, start=start, end=end, text=doc.text[start:end])


def office_of_the_place(toks: list[Token], p: int, lex: RuleLexicon) -> bool:
    """The place head at p completes a title or an office (محافظ العاصمة خالد أبو زيد، عمدة المدينة X): the name
    after it is the office holder's."""
    if p < 1:
        return False
    norms = [t.norm for t in toks[max(0, p - 3):p]]
    if lex.org_chains is not None and norms and norms[-1] in lex.org_chains.office_holders:
        return True
    return any(match_phrase(norms, x, lex.person_titles) == len(norms) - x for x in range(len(norms)))


@dataclass(frozen=True)
class PersonContext:
    """Words around a PERSON candidate that show it is no person or is cut short (person_context.json):
    place head nouns before it, the particles of European names at its end, and the first halves of
    compound given names (عبد الرحمن), whose second half is no surname."""

    place_heads: frozenset[str] = frozenset()
    place_heads_ambiguous: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    compound_heads: frozenset[str] = frozenset()
    kinship: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | str) -> "PersonContext":
        data = json.loads(Path(path).read_text(encoding="utf-8"))

        def words(key):
            return frozenset(normalize(w).text for w in data.get(key, ()))

        return cls(words("place_heads"), words("place_heads_ambiguous"), words("name_particles"),
                   words("compound_name_heads"), words("kinship_nouns"))


TANWEEN_FATH = "\u064b"  # ً: the indefinite accusative written out (مراراً، رداً); no name takes it


def accusative_common(tok: Token, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """Whether a word is the indefinite accusative of a common word, never a name: written with its
    tanween (مازحاً، فراغاً), or an unknown word in ا whose stem news also writes with the article
    (فراغا: الفراغ، انخفاضا: الانخفاض). Names in ا (صوفيا، يوليا، ماريا) are known name words, or
    their stem takes no article."""
    if TANWEEN_FATH in tok.text:
        return True
    w = tok.norm
    stem = w[:-1]
    return (not tok.clitic and w.endswith("ا") and len(stem) >= 3 and w not in names and not stem.startswith("ال")
            and ARABIC_START.match(w) is not None and vocab.count("ال" + stem) >= 3)


def accusative_adjective(toks: list[Token], x: int, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """Whether token x, an unknown word in ا, describes the indefinite accusative before it (طابعا
    رومانسيا، متألما وباكيا): an adjective agrees with its noun; a name after an accusative (عيّن زيدا
    سفيرا) is a known name word."""
    w = toks[x].norm
    p = x - 1
    while p >= 0 and toks[p].clitic and toks[p].norm == "و":
        p -= 1  # متألما وباكيا: two accusatives joined
    return (w.endswith("ا") and len(w) >= 4 and w not in names and ARABIC_START.match(w) is not None
            and p >= 0 and not toks[p].clitic and accusative_common(toks[p], vocab, names))


def common_noun_before_name(toks: list[Token], x: int, lex: RuleLexicon, vocab: Vocabulary,
                            names: frozenset[str]) -> bool:
    """Whether token x, first in a person's span, is a common noun in construct with the name after it
    (تعيين سوينغ، محاميه تشارلز هاردر): frequent in news, also written with the article, no known name
    or given name (رائد، تامر، مطلق are common words too), and a known name word follows that is no
    common word."""
    t = toks[x]
    w = t.norm
    nxt = x + 1
    while nxt < len(toks) and toks[nxt].clitic:
        nxt += 1
    if x > 0 and toks[x - 1].clitic and toks[x - 1].end == t.start:
        return False  # و + ل + يد: the segmenter split a name (وليد), which `split_name_start` joins back
    return (not t.clitic and ARABIC_START.match(w) is not None and not w.startswith("ال") and w not in names
            and given_name_key(t.text) not in lex.given_names and vocab.count(w) >= 50
            and vocab.count("ال" + w) >= 10 and nxt < len(toks) and toks[nxt].norm in names
            and not toks[nxt].norm.startswith("ال") and vocab.count("ال" + toks[nxt].norm) < 3)  # not ذات مرة،
    # برج خليفة: a common word after it (المرة، الخليفة) makes both one phrase


def glued_letter_of_a_named_person(tok: Token, person_words: frozenset[str], vocab: Vocabulary,
                                   names: frozenset[str]) -> bool:
    """Whether a person's first word is a one-letter proclitic (ل ب و ف ك) the segmenter left on a name
    (قال لماكماستر إن): the whole word is all but unseen in news, and the rest is a person the article
    names without it or a known name word news writes often. A name that starts with the letter (كريم،
    فلين، بسام) is a known name word itself."""
    w = tok.norm
    if tok.clitic or len(w) < 5 or w[0] not in "لبوفك" or tok.text[:1] != w[0] or w in names or w in person_words:
        return False  # ويليامسون, named so elsewhere in the article, is the whole name
    rest = w[1:]
    if not ARABIC_START.match(rest) or rest.startswith("ال") or vocab.count("ال" + rest) >= 3:
        return False  # لماسنجر: ل + a common noun (الماسنجر), even where a wrong person holds it
    return vocab.count(w) < 3 and (rest in person_words or rest in names and vocab.count(rest) >= 10)  # not بيونغ،
    # a word of its own in news


def common_dual(tok: Token, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """Whether a word is the dual of a frequent common noun or adjective (هجومان، العالمان، بارزان،
    دراستان): its stem is frequent bare and with the article, and news also writes its oblique dual
    in ين (هجومين، العالمين), or, for a feminine in تان, its singular in ة. Names in ان (سلمان، عثمان،
    عمران، رمضان) are known name words, and their stems have no dual (عمرين)."""
    w = tok.norm
    if tok.clitic or w in names or not w.endswith("ان") or not ARABIC_START.match(w):
        return False
    stem = w[:-2]
    bare = stem[2:] if stem.startswith("ال") else stem
    if len(bare) < 3:
        return False
    if bare.endswith("ت"):
        single = bare[:-1] + "ه"
        if vocab.count(single) >= 20 and vocab.count("ال" + single) >= 20:
            return True
    return (vocab.count(bare) >= 20 and vocab.count("ال" + bare) >= 20
            and (bare.endswith("ي") or max(vocab.count(stem + "ين"), vocab.count(bare + "ين")) >= 3))  # محاميان: its
    # oblique محاميين is rare in news, but a name in ييان has no frequent ال-stem (ماريان، كيليان)


def quantifier_before_partitive(toks: list[Token], k: int, vocab: Vocabulary) -> bool:
    """Whether token k is a quantifier with its partitive من after it (يقول كثير من المحللين، وأشار
    قليل من): a word news writes more often as an adverb in ا (كثيرا، قليلا) than bare is an adjective,
    not a name (سعيد، غريب، نصر are written bare far more often), and a name before من is its verb's
    complement (حذر ظريف من) only when it is a name."""
    w = toks[k].norm
    nxt = k + 1
    return (nxt < len(toks) and toks[nxt].norm == "من" and vocab.count(w) >= 20
            and vocab.count(w + "ا") > vocab.count(w))


def name_words_elsewhere(m: Mention, mentions: list[Mention]) -> frozenset[str]:
    """Normalised words of the article's PERSON mentions of two words or more elsewhere than m: a word
    that is part of a full name there (رافايل كوريا) is a surname where it stands alone; and m's own
    text where the article types it as a place or organisation, which it then is here too."""
    out = set()
    for o in mentions:
        if o.type == "PERSON" and not (o.start < m.end and m.start < o.end):  # not another guess over its words
            ws = normalize(o.text).text.split()
            if len(ws) > 1:
                out.update(ws)
        elif o.type in ("LOC", "ORG") and o.text == m.text and o.span != m.span:
            out.add(normalize(o.text).text)  # كاتالونيا, a LOC elsewhere: type conflicts make this one a LOC too
    return frozenset(out)


def through_particles(doc_text: str, toks: list[Token], e: int, ctx: PersonContext, lex: RuleLexicon,
                      vocab: Vocabulary, names: frozenset[str]) -> int:
    """Token index where a person ending on a name particle (أنييس فون در، لويجي دي) really ends: past
    the particles to the name word they introduce (مول، مايو), if one follows over plain spaces; e
    otherwise. A common word (أستاذ، التام) or a verb (لا يملك) after them is no name."""
    def spaced(x):  # tokens x-1 and x with only spaces between them
        return doc_text[toks[x - 1].end:toks[x].start].isspace()

    j = e
    while j < len(toks) and toks[j].norm in ctx.particles and spaced(j) and not toks[j].clitic:
        j += 1
    if j >= len(toks) or not spaced(j):
        return e
    t = toks[j]
    w = t.norm
    if t.clitic or not ARABIC_START.match(w) or w.startswith("ال") or w in lex.stopwords or w in lex.cues:
        return e
    if w not in names and (vocab.count("ال" + w) >= 3 or conjugated_verb(w, vocab, names)):
        return e
    return j + 1


def person_in_context(doc: Document, m: Mention, k: int, ctx: PersonContext, lex: RuleLexicon, vocab: Vocabulary,
                      names: frozenset[str], elsewhere: frozenset[str],
                      person_words: frozenset[str] = frozenset()) -> Mention | None:
    """A statistical-NER or rule PERSON checked against the grammar around and inside it: None after a
    place head noun (مدينة ليون), for a quantifier before its partitive (كثير من), or when all its
    words are accusatives or duals of common words (طابعا رومانسيا، هجومان); otherwise the span
    without a leading dual (المحاميان بيتر كرونين) or edge words written with tanween (أردوغان مراراً),
    and, for the NER, carried over the particles it ended on (أنييس فون در → أنييس فون در مول); a
    common noun before the name (تعيين سوينغ) and a letter glued to a named person (لماكماستر) go too.
    ``elsewhere``: words of the article's other full names, which stay names here; ``person_words``:
    words of all its other PERSON mentions."""
    toks = doc.tokens
    j = k
    while j < len(toks) and toks[j].end <= m.end:
        j += 1
    if j == k:
        return m
    words = [x for x in range(k, j) if not toks[x].clitic]
    if not words:
        return m
    norms = [toks[x].norm for x in words]
    if normalize(m.text).text in elsewhere:  # the article names this place or body (بيونغ يانغ) or person
        # elsewhere: type conflicts decide; only a name cut on a particle (دي after لويجي دي مايو) is carried on
        e = j
        if m.source == "ner" and toks[e - 1].norm in ctx.particles:
            e = through_particles(doc.text, toks, e, ctx, lex, vocab, names)
        return m if e == j else replace(m, end=toks[e - 1].end, text=doc.text[m.start:toks[e - 1].end])
    p = k - 1
    while p >= 0 and (toks[p].text in OPEN_QUOTES or toks[p].clitic and toks[p].end == toks[p + 1].start):
        p -= 1  # past a quote, or a letter the segmenter split off the name (مدينة ل + يون)
    if p >= 0 and (toks[p].norm in ctx.place_heads or toks[p].norm in ctx.place_heads_ambiguous
                   and not any(w in names for w in norms)) and not office_of_the_place(toks, p, lex):
        return None  # قرب مدينة ليون: the city
    if len(words) == 1 and quantifier_before_partitive(toks, words[0], vocab):
        return None
    if not any(w in elsewhere for w in norms) and all(
            accusative_common(toks[x], vocab, names) or common_dual(toks[x], vocab, names)
            or accusative_adjective(toks, x, vocab, names) for x in words):
        return None  # متألما وباكيا، طابعا رومانسيا، وقع هجومان
    s, e = k, j
    kin = next((x for x in range(s + 1, e) if toks[x].norm in ctx.kinship and toks[x].norm not in names), None)
    if kin is not None:
        e = kin  # أسامة نجل (الرئيس)، خالد شقيق الأمير: the kinship noun starts the description of the person
        while e - s > 1 and toks[e - 1].clitic:
            e -= 1
    while e - s > 1 and TANWEEN_FATH in toks[e - 1].text:
        e -= 1  # أردوغان مراراً
        while e - s > 1 and toks[e - 1].clitic:
            e -= 1  # وتكراراً: its و too
    while e - s > 1 and (TANWEEN_FATH in toks[s].text
                         or common_dual(toks[s], vocab, names) and toks[s].norm not in elsewhere
                         or common_noun_before_name(toks, s, lex, vocab, names)):
        s += 1  # المحاميان بيتر كرونين، تعيين سوينغ
        while e - s > 1 and toks[s].clitic:
            s += 1
    if m.source == "ner" and e == j and toks[e - 1].norm in ctx.particles:
        e = through_particles(doc.text, toks, e, ctx, lex, vocab, names)
    start = m.start if s == k else toks[s].start
    end = m.end if e == j else toks[e - 1].end
    if glued_letter_of_a_named_person(toks[s], person_words, vocab, names):
        start += 1  # لماكماستر: ماكماستر
    if (start, end) == (m.start, m.end):
        return m
    return replace(m, start=start, end=end, text=doc.text[start:end])


def persons_in_context(doc: Document, mentions: list[Mention], ctx: PersonContext, lex: RuleLexicon,
                       vocab: Vocabulary, names: frozenset[str]) -> list[Mention]:
    """Mentions with each statistical-NER and rule PERSON checked by `person_in_context`."""
    first = {t.start: i for i, t in enumerate(doc.tokens)}
    out = []
    for m in mentions:
        if m.type == "PERSON" and m.source in ("ner", "rule") and m.start in first:
            person_words = frozenset(w for o in mentions if o.type == "PERSON"
                                     and not (o.start < m.end and m.start < o.end) for w in normalize(o.text).text.split())
            m = person_in_context(doc, m, first[m.start], ctx, lex, vocab, names, name_words_elsewhere(m, mentions),
                                  person_words)
            if m is None:
                continue
        out.append(m)
    return out


def after_index_word(toks: list[Token], i: int, lex: RuleLexicon) -> bool:
    """A name right after an index word, past an opening quote (مؤشر "هانغ سينغ"، مؤشر داو جونز,
    tagger.json "name_index_heads") names a stock index: no person and no organisation."""
    k = i - 1
    while k >= 0 and toks[k].text in OPEN_QUOTES:
        k -= 1
    return k >= 0 and toks[k].norm in lex.index_heads


def glued_proclitic(tok: Token, w: str, lex: RuleLexicon, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """Whether a person's first word carries a proclitic the segmenter left on it: و before a known name or
    a rare word news writes more often without it (وعزيزة يوسف، وخيسوس غاياردو), ل/ب before a hamza, which
    no name begins with after them (لإليوت هاريس، لألبير). Other ل/ب words are names as often as not
    (بليندا، لازارو، لوزيا), and وليد، وائل are names themselves."""
    if tok.clitic or len(w) < 5 or w[0] not in "وبل" or tok.text[:1] != w[0] or not ARABIC_START.match(tok.text[1:]) or w in names:
        return False
    if w[0] in "بل":
        return tok.text[1] in "أإآ"
    rest = w[1:]
    return rest in names or vocab.count(w) < vocab.count(rest) <= lex.rare_word_count


def split_name_start(toks: list[Token], i: int, names: frozenset[str], vocab: Vocabulary, rare: int) -> int:
    """Token where a person's name starts when the segmenter took its first letters for proclitics
    (وليد → و + ل + يد، كمال → ك + مال): the farthest glued clitic from which the joined word is a known name
    and the rest is not; i otherwise. A و stays the conjunction before a rest that is itself a rare word (و + تامر:
    the name lists hold some names with the conjunction on), so it joins only a common word (يد، اين)."""
    j, best = i, i
    while j > 0 and toks[j - 1].clitic and toks[j - 1].end == toks[j].start:
        j -= 1
        if toks[j].norm == "و" and vocab.count(toks[i].norm) <= rare:
            continue
        joined = "".join(t.norm for t in toks[j:i + 1])
        if joined in names and (toks[i].norm not in names or vocab.count(joined) > vocab.count(toks[i].norm)):
            best = j  # the longest: وليد, not ليد; و + أحمد stays أحمد; كريم, not ك + ريم (both names: the more frequent)
    return best


KUNYA_WORDS = frozenset({"ابو", "ام", "ابن"})  # أبو عمر، أم كلثوم: a name by a child's or a father's name


def quoted_after_name_head(toks: list[Token], i: int, lex: RuleLexicon, names: frozenset[str] = frozenset()) -> bool:
    """Token i opens a quotation right after a noun that names a thing (latin_name_heads: تطبيق، أداة، مسلسل،
    شارع، حملة): what the quotation names is that thing. (Token i is the quotation's first word.)"""
    if i < 2 or toks[i - 1].norm not in OPEN_QUOTES or toks[i - 2].norm not in lex.latin_name_heads:
        return False
    if toks[i - 2].norm not in lex.naming_heads:
        return True
    # after a naming word a quoted name is a person's when it starts as an Arab name does, with a known given
    # name or a kunya (بائع يدعى «محسن فكري»، المعروف باسم «أبو عمر المهاجر»); otherwise it names a thing
    # (أطلق عليه اسم «ستيف»، المعروف باسم «إسكندر»، شركة تدعى «كيتي هوك»)
    first = toks[i].norm
    return not (first in names or given_name_key(first) in lex.given_names or first in KUNYA_WORDS) \
        or (i + 1 < len(toks) and toks[i + 1].norm in CLOSE_QUOTES)


def product_spans(doc: Document, lex: RuleLexicon) -> list[tuple[int, int]]:
    """Character spans of product names (tagger.json "product_names": آيفون، غالاكسي، ويندوز, iOS),
    also behind a proclitic the segmenter left on the word (وآيفون), and of a quoted name right after a
    device or vehicle word ("product_heads": جهاز "غراي كي"، طائرة "إيل 20")."""
    if lex.products is None or not lex.products.ordered:
        return []
    toks = doc.tokens
    keys = [t.norm.casefold() for t in toks]
    out = []
    for i, t in enumerate(toks):
        if t.clitic:
            continue
        if keys[i] in lex.product_heads and i + 2 < len(toks) and keys[i + 1] in OPEN_QUOTES:
            close = next((k for k in range(i + 2, min(len(toks), i + 7)) if keys[k] in CLOSE_QUOTES), None)
            if close is not None and close > i + 2:
                out.append((toks[i + 2].start, toks[close - 1].end))
        n, start = match_phrase(keys, i, lex.products), t.start
        if not n and len(keys[i]) > 3 and keys[i][0] in "وفبلك":
            n = match_phrase([keys[i][1:]] + keys[i + 1:i + 4], 0, lex.products)
            start = _skip_letters(doc.text, t.start, 1)
        if n:
            out.append((start, toks[i + n - 1].end))
    return out


def common_noun_before_adjective(words: list[str], toks: list[Token], i: int, lex: RuleLexicon) -> bool:
    """A one-word ال-guess the adjective after it describes (الاتفاق النووي، الاتفاق الإيراني is no
    club): a relational adjective that is no place's adjective nor an organisation's (الهلال السعودي,
    الاتحاد الدولي stay names)."""
    ch = lex.org_chains
    if ch is None or len(words) != 1 or not words[0].startswith("ال") or i >= len(toks) or toks[i].clitic:
        return False
    nxt = toks[i].norm
    return nisba_shaped(nxt, ch.stop) and nxt not in ch.nisba and nxt not in ch.adjectives and nxt not in ch.descriptive


OR_GLUED_DIGIT = regex.compile(r"[أا]و\d")
HAS_NUMBER = regex.compile(r"[\d٠-٩]")
PERCENT_WORDS = frozenset(normalize(w).text for w in ("%", "٪", "بالمئة", "بالمائة", "المئة", "المائة"))


def person_noun_before(toks: list[Token], i: int, lex: RuleLexicon) -> bool:
    """A person title or a noun of a person's occupation ends right before token i (اللاعب، الفنانة، المدير)."""
    if lex.person_nouns is None:
        return False
    norms = [t.norm for t in toks[max(0, i - 3):i]]
    return any(match_phrase(norms, x, lex.person_nouns) == len(norms) - x for x in range(len(norms)))


def model_alias_misread(toks: list[Token], m: Mention, first: dict[int, int], lex: RuleLexicon, vocab: Vocabulary,
                        names: frozenset[str]) -> bool:
    """A KB model alias read inside another word or name: behind a letter taken for a proclitic in a word
    news uses whole (كارني is no ك + ارني, ERNIE); a one-word Arabic alias followed by a rare name word,
    so a first name (كلود غيان، كيمي رايكونن); a short Latin alias followed by a capitalised word (Wan Kuok-koi);
    "or" glued to a number among numbers (32 أو33، 15 سنتا أو0.2 بالمئة) read as o3; a name whose version is a
    percentage (وان 2.5 في المائة: "and that 2.5 per cent", not Wan 2.5)."""
    if OR_GLUED_DIGIT.fullmatch(m.text) and m.start in first:
        i = first[m.start]
        near = [t.norm for t in toks[max(0, i - 3):i]] + [t.norm for t in toks[i + 2:i + 3]]
        return any(HAS_NUMBER.search(w) or w in PERCENT_WORDS for w in near)
    if HAS_NUMBER.search(m.text[-1:]) and ARABIC_START.match(m.text):
        after = [t.norm for t in toks if t.start >= m.end and not t.clitic][:2]
        if after and (after[0] in PERCENT_WORDS or (after[0] == "في" and after[1:] and after[1] in PERCENT_WORDS)):
            return True
    if m.start not in first:
        k = next((x for x, t in enumerate(toks) if t.start < m.start < t.end), None)
        if k is None:
            return False
        whole = toks[k].norm
        rest = normalize(m.text.split()[0]).text
        return vocab.count(whole) >= 3 and vocab.count(whole) >= vocab.count(rest)
    i = first[m.start]
    if " " not in m.text.strip() and ARABIC_START.match(m.text) and person_noun_before(toks, i, lex):
        return True  # اللاعب أوبوس، الفنانة سورا، اللاعب لاما (read ل + اما): the name of the person the noun describes
    if toks[i].end != m.end or not (m.kb_id or "").startswith("model/") or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt.clitic or not toks[i].space_after or nxt.start == toks[i].end:
        return False
    w = nxt.norm
    if ARABIC_START.match(toks[i].norm):
        return (regex.fullmatch(r"\p{Arabic}{3,}", w) is not None and w not in lex.stopwords and not w.startswith("ال")
                and not common_shaped(w, vocab) and not grammar_shaped(w, vocab)
                and (w in names or (vocab.count(w) <= lex.rare_word_count // 4 and w[0] not in "يتنأ"))  # not يتفوق
                and not (w[0] in "وفبلك" and vocab.count(w[1:]) > vocab.count(w))
                and not (w[0] in "وف" and w not in names))  # وفيرونكس: the next member of a list
    return len(m.text) <= 4 and regex.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)?", w) is not None


def models_named_as_places(toks: list[Token], models: list[Mention], first: dict[int, int], lex: RuleLexicon) -> set[int]:
    """ids of KB model mentions that name a place or a vehicle (جزيرة مانوس، صاروخ من طراز فالكون 9):
    one right after a foreign head, and every mention of that name in the article not after a model word; and a
    one-word alias that titles a song, album or series (ألبومها الجديد «أوبوس»), that mention only."""
    keys = set()
    titles = set()
    for m in models:
        k = first.get(m.start, 0) - 1
        while k > 0 and (toks[k].clitic or toks[k].norm in ("من", "طراز", "نوع") or toks[k].norm in OPEN_QUOTES
                         or toks[k].norm in lex.model_foreign_head_fillers):
            k -= 1
        head = toks[k].norm if k >= 0 else ""
        if m.start in first and (head in lex.model_foreign_heads or (head.endswith("ا") and head[:-1] in lex.model_foreign_heads)):
            keys.add(mention_key(m.text))
        elif m.start in first and head in lex.model_work_heads and " " not in m.text.strip():
            titles.add(id(m))  # ألبومها الجديد «أوبوس»: the work's title, here only
    if not keys:
        return titles
    out = titles
    for m in models:
        i = first.get(m.start, 0)
        prev = toks[i - 1].norm if i > 0 else ""
        if mention_key(m.text) in keys and prev not in MODEL_WORDS and not (lex.model_name_words and prev in lex.model_name_words.by_first):
            out.add(id(m))
    return out


def product_head_words(lex: RuleLexicon) -> frozenset[str]:
    """One-word heads that announce a model or app (مساعد، تطبيق، منصة، نموذج): the model words and the
    one-word model triggers and model-name words of the lexicon."""
    one = {p[0] for ps in (lex.model_triggers, lex.model_name_words) if ps is not None for p in ps if len(p) == 1}
    return frozenset(one | MODEL_WORDS)


def model_alias_in_person_name(toks: list[Token], i: int, m: Mention, names: frozenset[str],
                               stopwords: frozenset[str] = frozenset(), heads: frozenset[str] = frozenset()) -> bool:
    """A one-word Arabic model alias right after a given name is part of that person's name
    (جان كلود، not Claude): the word before is a name word, joined by a space only. Not after a product
    head that is also a given name (مساعد كوبايلوت is the Copilot assistant, not a man called Musaed)."""
    if i == 0 or toks[i].end != m.end or not ARABIC_START.match(toks[i].norm) or not (m.kb_id or "").startswith("model/"):
        return False  # مساعد ميتا: a maker the app word made a model, after a word that is also a name (مساعد)
    prev = toks[i - 1]
    return (not prev.clitic and prev.space_after and prev.end < toks[i].start and prev.norm in names
            and prev.norm not in stopwords and prev.norm not in heads)  # على is علي once normalised


def office_title(w: str, lex: RuleLexicon) -> bool:
    """A definite title of a person (الوزيرة، المفوض، المفوضة، السفير): one of the person titles, or the
    article with an office holder's noun in either gender (``org_office_holders``)."""
    if match_phrase([w], 0, lex.person_titles) == 1:
        return True
    office = lex.org_chains.office_holders
    return w.startswith("ال") and (w[2:] in office or (w.endswith("ه") and w[2:-1] in office))


def model_mention_is_name(m: Mention, words: list[str], lex: RuleLexicon, vocab: Vocabulary,
                          names: frozenset[str]) -> bool:
    """Whether a statistical-NER PERSON/ORG candidate holds a word that can be a name: Latin or a
    digit, a known name word, or a word that is neither a function word, a head noun nor shaped
    like a common word. An ORG that starts with a centre/university-like head needs a name or
    an organisation chain after it (جامعة المتدرب is no university)."""
    if not words:
        return False
    ch = lex.org_chains

    def head(w):
        return ch is not None and (w in ch.heads.by_first or w in ch.weak_heads.by_first or w in ch.definite_heads
                                   or w in ch.announcing.by_first)

    def name_like(w):
        if not ARABIC_START.match(w):
            return any(c.isalnum() for c in w)
        if m.type == "PERSON" and w.startswith("ال") and len(w) >= 6 and w.endswith(("ين", "ون")):
            return False  # الأوروبيين: a plural with the article, even where a corpus listed it among names
        if w in names:
            return True
        if len(w) >= 6 and w[0] in "يت" and w.endswith("ون"):
            return False  # يتقدمون: an imperfect verb in the plural
        if m.type == "PERSON" and len(w) > 4 and w.startswith("لل"):
            return False  # للمتعاملين، للعهود: ل + a definite noun (its alef written away)
        if future_verb(w, vocab):
            return False  # ستستثمر، سيعلنان: a verb in the future
        if m.type == "PERSON" and len(w) > 4 and w[0] in "وفبل" and (
                w[1:].startswith("ال") or vocab.count(w[1:]) > lex.rare_word_count or common_shaped(w[1:], vocab)
                or _inflected(w[1:], vocab, lex)):
            return False  # وبكالوريوس، للمفكر: a proclitic glued to a common word
        if m.type == "PERSON" and len(w) >= 4 and w.endswith("ا") and vocab.count(w[:-1]) >= 20:
            return False  # وشيكا، طبيبا: the accusative of a common word (a known name such as ماريا is kept above)
        if w in lex.stopwords or w in lex.cues or head(w):
            return False
        if m.type == "PERSON" and len(w) >= 5 and w.endswith(("ين", "ون")) and (
                w.startswith("ال") or vocab.count(w[:-2]) >= 20):
            return False  # a plural: الأمريكيين، ديمقراطيين (not a surname: ويلسون، لينين)
        if m.type == "PERSON" and _inflected(w, vocab, lex):
            return False  # محاميه، نجله
        if w.startswith("ال"):
            return m.type == "ORG" or not article_common(w, vocab)  # clubs and outlets: النصر، الجزيرة
        return not common_shaped(w, vocab)

    if m.type == "ORG" and ch is not None and len(words) == 2 and words[0] in ch.definite_heads and words[1] in ch.vague:
        return False  # المنظمة الدولية: a reference back, no name
    if m.type == "ORG" and ch is not None and office_title(words[0], lex) and words[0][2:] not in ch.announcing.by_first and all(
            nisba_shaped(w, ch.stop) for w in words[1:]):
        return False  # المفوضة الأوروبية، السفير الأمريكي: a person's title and its adjectives, no body (المؤسسة
        # is a founder and a corporation: left)
    if m.type == "ORG" and ch is not None and words[0] in ch.weak_heads.by_first and len(words) > 1:
        rest = words[1:]
        if all(w.startswith("ال") and w not in names for w in rest if ARABIC_START.match(w)):
            return False
    return any(name_like(w) for w in words)


# Members of a list are joined by a comma or a conjunction; two names side by side are not a list
# (طرحت ميتا Llama 4: the maker, then its model). One unknown member may sit between two tagged
# ones (وكلود وجيميناي وكوهير: the list goes on past a spelling the KB lacks).
LIST_BRIDGE = regex.compile(r"\s*(?:[،,]\s*(?:و|أو|او)?|و|أو|او)\s*(?!ال)[\p{L}\d.\-]{2,}\s*(?:[،,]\s*(?:و|أو|او)?|و|أو|او)\s*")


# A company compared with a model is its model (ديب سيك يتفوق على شات جي بي تي، ChatGPT مقابل ديب سيك):
# the words between the two names, also in a relative clause (Kimi الذي يتفوق على ديب سيك), or على
# between them after a comparison verb.
COMPARE_VERB = r"(?:[يت](?:تفوق|تقدم|نافس|ضاهي|واجه|تحدى|تخطى))"
COMPARE_GAP = regex.compile(
    rf"\s+(?:(?:الذي\s+|التي\s+)?{COMPARE_VERB}\s+(?:على\s+)?|(?:مقابل|ضد|أمام|مقارنة\s+(?:ب|مع\s+)|بدلا\s+من|بدلًا\s+من|أفضل\s+من|أسرع\s+من|أرخص\s+من)\s*)")
COMPARE_AFTER_VERB = regex.compile(rf"(?:^|\s)[وف]?{COMPARE_VERB}\s+$")


LATIN_VERSIONED_NAME = regex.compile(r"(?<![A-Za-z\d.\-])[A-Z][A-Za-z]{2,}(?:[ -]?\d+(?:\.\d+)?[a-z]?)(?:[ -][A-Z][a-z]+)?(?![\p{L}\d])")


def latin_models_beside_models(doc: Document, mentions: list[Mention], products: list[tuple[int, int]] = ()) -> list[Mention]:
    """A Latin name with a version the KB does not know, joined by و/أو or a comma to a model, is a model too
    (مقارنة بين Gemini وZorva 2، Zorva-3 Pro وClaude): a version number names a release. Only untagged text,
    and no product (Windows 11، iPhone 15: ``products``)."""
    models = [m for m in mentions if m.type == "MODEL"]
    if not models:
        return mentions
    taken = sorted([(m.start, m.end) for m in mentions] + list(products))
    out = list(mentions)
    for x, s, e in doc_norm(doc).finditer(LATIN_VERSIONED_NAME):
        if any(a < e and s < b for a, b in taken):
            continue
        if any(gap_is(LIST_GAP, doc, m.end, s) or gap_is(LIST_GAP, doc, e, m.start) for m in models):
            out.append(Mention(s, e, doc.text[s:e], "MODEL", "rule", 0.7, canonical=x.group()))
    return sorted(out, key=lambda m: (m.start, m.end))


HYPHEN_VERSION = r"-\d{1,2}(?:\.\d{1,2})?"  # an Arabic model name's version written onto it: زورفيكس-2
ARABIC_LIST_WORD = regex.compile(rf"(?<![\p{{L}}\d])(و?)(\p{{Arabic}}{{4,}})({HYPHEN_VERSION})?(?![\p{{L}}\d])")


def guesses_and_taken(mentions: list[Mention], extra: list[tuple[int, int]] = ()) -> tuple[dict, list[tuple[int, int]]]:
    """The statistical NER's guesses by span, and the spans of every other mention (plus ``extra``): a rule that
    finds a model on an unseen word may replace a guess on exactly that word, never a KB or rule mention."""
    guessed = {(m.start, m.end): m for m in mentions if m.source == "ner"}
    return guessed, sorted([(m.start, m.end) for m in mentions if m.source != "ner"] + list(extra))


def blocked(s: int, e: int, guessed: dict, taken: list[tuple[int, int]]) -> bool:
    """[s, e) overlaps a mention that stays: any taken span, or a guess that is not exactly this word."""
    return any(a < e and s < b for a, b in taken) or any(a < e and s < b and (a, b) != (s, e) for a, b in guessed)


def arabic_models_in_model_lists(doc: Document, mentions: list[Mention], vocab: Vocabulary,
                                 names: frozenset[str]) -> list[Mention]:
    """An Arabic word the word counts never saw, joined by و/أو or a comma to a model in a list a model word
    opens (نماذج مثل Gemini وزورفيكس), is a model too: no common word, surname or place of the news counted."""
    models = [m for m in mentions if m.type == "MODEL"]
    if not models:
        return mentions
    guessed, taken = guesses_and_taken(mentions)  # the NER reads an unseen word as a name: its guess gives way
    out = list(mentions)
    norm = doc_norm(doc)
    for x, x_start, _ in norm.finditer(ARABIC_LIST_WORD):
        s, e = norm.to_original(x.start(2), x.end(3) if x.group(3) else x.end(2))
        word = (s, norm.to_original(*x.span(2))[1])  # a guess on the word without its version gives way too
        guess = guessed.get((s, e)) or guessed.get(word)
        w = x.group(2)
        if vocab.count(w) or w in names or blocked(x_start, e, {k: v for k, v in guessed.items() if v is not guess}, taken):
            continue
        for m in models:
            if not (gap_is(LIST_GAP, doc, m.end, s) or gap_is(LIST_GAP, doc, e, m.start)):
                continue
            first = min(m.start, x_start)
            if any(t in normalize(doc.text[max(0, first - 16):first]).text for t in ("نماذج", "نموذج")):
                if guess is not None and guess in out:
                    out.remove(guess)
                out.append(Mention(s, e, doc.text[s:e], "MODEL", "rule", 0.7, canonical=doc.text[s:e]))
                break
    return sorted(out, key=lambda m: (m.start, m.end))


COMPARED_PAIR = regex.compile(
    r"(?<![\p{L}])(?:ال)?(?:مقارن[ةه]|منافس[ةه]|مواجه[ةه]|سباق|مفاضل[ةه])\s+(?:\p{Arabic}+\s+){0,2}?بين\s+"
    rf"(?P<a>[A-Za-z][A-Za-z\d.\-]*(?:\s+[A-Z\d][A-Za-z\d.\-]*){{0,2}}|\p{{Arabic}}{{3,}}(?:{HYPHEN_VERSION})?)\s*و\s*"
    rf"(?P<b>[A-Za-z][A-Za-z\d.\-]*(?:\s+[A-Z\d][A-Za-z\d.\-]*){{0,2}}|\p{{Arabic}}{{3,}}(?:{HYPHEN_VERSION})?)(?![\p{{L}}\d])")


def models_compared_between(doc: Document, mentions: list[Mention], vocab: Vocabulary, names: frozenset[str],
                            products: list[tuple[int, int]] = ()) -> list[Mention]:
    """The other side of a comparison with a model (مقارنة بين Gemini وZorvex، سباق بين ChatGPT وزورفيكس) is a
    model too when nothing else tagged it: a Latin name, or an Arabic word the word counts never saw (no
    common word, surname or place of the news they count). A device or system on that side stays untagged."""
    models = [(m.start, m.end) for m in mentions if m.type == "MODEL"]
    if not models:
        return mentions
    guessed, taken = guesses_and_taken(mentions, products)  # a guess gives way, as in a list of models
    out = list(mentions)
    norm = doc_norm(doc)  # read normalised (a bidi mark or no-break space around a name), spans mapped back
    for x, _, _ in norm.finditer(COMPARED_PAIR):
        for side, other in (("a", "b"), ("b", "a")):
            if norm.to_original(*x.span(other)) not in models:
                continue
            s, e = norm.to_original(*x.span(side))
            if blocked(s, e, guessed, taken):
                continue
            w = doc.text[s:e]
            if regex.match(r"\p{Arabic}", w):
                n = x.group(side).split("-")[0]  # normalised, without a hyphened version (زورفيكس-2)
                if len(n) < 4 or vocab.count(n) or vocab.count("ال" + n) or n in names:
                    continue  # برق: a short common word the counts list only with its article
            elif not w[:1].isupper() and not regex.search(r"\d", w):
                continue  # a lower-case English word is no name
            if (s, e) in guessed and guessed[(s, e)] in out:
                out.remove(guessed[(s, e)])
            out.append(Mention(s, e, w, "MODEL", "rule", 0.7, canonical=visible(w)))
    return sorted(out, key=lambda m: (m.start, m.end))


def models_in_comparisons(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """An organisation compared with a model in the same breath is its model: the gap between the two is a
    comparison (يتفوق على، مقابل، أفضل من), or على with a comparison verb before the first of them
    (يتفوق ديب سيك على شات جي بي تي). Compared with another organisation it stays one."""
    named = sorted((m for m in mentions if m.type in ("ORG", "MODEL", "PERSON", "LOC")), key=lambda m: m.start)
    out = {id(m): m for m in mentions}
    for a, b in zip(named, named[1:]):
        if {a.type, b.type} != {"ORG", "MODEL"}:
            continue
        org = a if a.type == "ORG" else b
        if org.source not in ("kb", "rule"):
            continue
        gap = visible(doc.text[a.end:b.start])
        compared = COMPARE_GAP.fullmatch(gap) is not None or (
            regex.fullmatch(r"\s+على\s+", gap) is not None
            and COMPARE_AFTER_VERB.search(visible(doc.text[max(0, a.start - 14):a.start])) is not None)
        if compared:
            out[id(org)] = Mention(org.start, org.end, org.text, "MODEL", org.source, org.confidence, canonical=org.canonical)
    return [out[id(m)] for m in mentions]


PLURAL_MODEL_WORD_BEFORE = regex.compile(r"نماذج\s+(?:مثل|منها|من\s+بينها|ابرزها|علي\s+غرار)?\s*$")


def models_in_lists(doc: Document, mentions: list[Mention], namesake=lambda m: False) -> list[Mention]:
    """An organisation named in a list whose other members are all models is its model
    (GPT-5 وClaude وكوهير وLlama): with two other members, or one after a model word. A list of organisations
    only is one of models when the plural model word governs it (نماذج مثل ميسترال وكوهير) and each of them
    names a model too (``namesake``: the name as written is also a KB model's); نماذج شركات مثل
    غوغل وأوبن إيه آي stays a list of companies."""
    named = sorted((m for m in mentions if m.type in ("ORG", "MODEL", "PERSON", "LOC")), key=lambda m: m.start)
    linked = [gap_is(LIST_GAP, doc, a.end, b.start) or gap_is(LIST_BRIDGE, doc, a.end, b.start)
              for a, b in zip(named, named[1:])]
    out = {id(m): m for m in mentions}
    i = 0
    while i < len(named):
        j = i
        while j < len(linked) and linked[j]:
            j += 1
        group = named[i:j + 1]
        models = [m for m in group if m.type == "MODEL"]
        orgs = [m for m in group if m.type == "ORG" and m.source in ("kb", "rule", "ner")]
        if orgs and models and len(models) + len(orgs) == len(group) and len(orgs) <= len(models):
            before = normalize(doc.text[max(0, group[0].start - 12):group[0].start]).text
            if FROM_BEFORE.search(before):
                pass  # نماذج من أنثروبيك وأمازون نوفا: "models from" names their makers
            elif (len(models) >= 2 and len(orgs) < len(models)) or any(w in before for w in ("نماذج", "نموذج")):
                for m in orgs:
                    out[id(m)] = Mention(m.start, m.end, m.text, "MODEL", m.source, m.confidence, canonical=m.canonical)
        elif len(orgs) >= 2 and len(orgs) == len(group) and all(namesake(m) for m in orgs) \
                and PLURAL_MODEL_WORD_BEFORE.search(normalize(doc.text[max(0, group[0].start - 20):group[0].start]).text):
            for m in orgs:
                out[id(m)] = Mention(m.start, m.end, m.text, "MODEL", m.source, m.confidence, canonical=m.canonical)
        i = j + 1
    return models_in_comparisons(doc, [out[id(m)] for m in mentions])


SOURCE_STRENGTH = {"kb": 3, "rule": 2, "coref": 1, "ner": 1}


def mention_key(text: str) -> str:
    return normalize(" ".join(text.split())).text.casefold()


def resolve_type_conflicts(mentions: list[Mention]) -> list[Mention]:
    """One type per name in an article: where the same name is tagged with two types, the
    strongest evidence decides (KB > rule > model), and the weaker mentions take its type.
    Left alone: a name the KB itself typed both ways by context (DeepSeek the lab and its
    model), and a tie between equally strong sources."""
    by_key: dict[str, list[Mention]] = {}
    keys: dict[str, str] = {}  # names recur in an article: normalise each spelling once
    for m in mentions:
        if m.type in ("PERSON", "ORG", "MODEL", "LOC"):
            key = keys.get(m.text)
            if key is None:
                key = keys[m.text] = mention_key(m.text)
            by_key.setdefault(key, []).append(m)
    retype: dict[int, Mention] = {}
    for group in by_key.values():
        types = {m.type for m in group}
        if len(types) < 2:
            continue
        best = max(SOURCE_STRENGTH.get(m.source, 0) for m in group)
        strong = [m for m in group if SOURCE_STRENGTH.get(m.source, 0) == best]
        counts: dict[str, int] = {}
        for m in strong:
            counts[m.type] = counts.get(m.type, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and (best == SOURCE_STRENGTH["kb"] or ranked[0][1] == ranked[1][1]):
            continue
        winner = next(m for m in strong if m.type == ranked[0][0])
        for m in group:
            if m.type != winner.type:
                retype[id(m)] = Mention(m.start, m.end, m.text, winner.type, m.source, m.confidence,
                                        canonical=winner.canonical, kb_id=winner.kb_id)
    return [retype.get(id(m), m) for m in mentions]


def with_propagated(doc: Document, mentions: list[Mention], vocab: Vocabulary,
                    names: frozenset[str] = frozenset()) -> list[Mention]:
    """``mentions`` plus the propagated ones, without the model mentions these overlap."""
    new = propagate_mentions(doc, mentions, vocab, names=names)
    if not new:
        return mentions
    kept = [m for m in mentions if m.source != "ner" or not any(n.start < m.end and m.start < n.end for n in new)]
    return kept + new


def propagate_mentions(doc: Document, mentions: list[Mention], vocab: Vocabulary, max_count: int = 360,
                       names: frozenset[str] = frozenset()) -> list[Mention]:
    """Untagged occurrences of a name the KB or a context rule tagged elsewhere in the article
    (شركة سنابتك … وأعلنت سنابتك), with its type and canonical name; a proclitic glued to the
    name stays outside the span (وسنابتك). A one-word name spreads only when it is rare in news
    and not shaped like a common word, so a wrongly tagged common word does not multiply."""
    from .segment import PROCLITICS

    toks = doc.tokens
    first = {t.start: i for i, t in enumerate(toks)}
    covered = [False] * len(toks)
    in_person = [False] * len(toks)  # inside a person's full name the statistical model found (جان كلود فيرنيه)
    full_name = [False] * len(toks)  # first of the model's two known name words (نورا حسين): no one-word name cuts it
    alone = {normalize(p.text).text.split()[-1] for p in mentions if p.type == "PERSON" and p.text.strip()
             and (" " not in p.text.strip() or p.source != "ner")}  # names a person goes by alone (بوتين)
    index: dict[str, list[tuple[tuple[str, ...], Mention]]] = {}
    starts = [t.start for t in toks]
    for m in mentions:
        i = first.get(m.start)
        if i is None:
            k = bisect.bisect_right(starts, m.start) - 1  # a name the KB found behind a glued proclitic (لهيوماين)
            while 0 <= k < len(toks) and toks[k].start < m.end and m.source != "ner":
                covered[k] = True  # is tagged: spreading it there again would write the same mention twice, or a
                k += 1  # part of it over the longer name (ونوفا برو: نوفا tagged alone elsewhere)
            continue
        j = i
        while j < len(toks) and toks[j].end <= m.end:
            covered[j] = covered[j] or m.source != "ner"  # the model's mentions give way to a tagged name
            j += 1
        if m.type == "PERSON" and j - i >= 2:
            for k in range(i, j):
                in_person[k] = True
            if m.source == "ner" and j - i == 2 and toks[i + 1].norm in names and not toks[i + 1].clitic:
                full_name[i] = True
        if m.source not in ("kb", "rule") or m.type not in ("PERSON", "ORG", "MODEL") or j == i:
            continue
        key = tuple(t.norm.casefold() for t in toks[i:j])
        if not any(c.isalpha() for k in key for c in k):
            continue
        if len(key) == 1 and ARABIC_START.match(key[0]) and (
                vocab.count(key[0]) > max_count or common_shaped(key[0], vocab) or len(key[0]) < 3):
            continue
        if len(key) == 1 and not ARABIC_START.match(key[0]) and len(key[0]) < 3:
            continue
        slot = index.setdefault(key[0], [])
        if all(k != key for k, _ in slot):
            slot.append((key, m))
    if not index:
        return []
    for slot in index.values():
        slot.sort(key=lambda km: -len(km[0]))
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if covered[i] or toks[i].clitic:
            i += 1
            continue
        w = toks[i].norm.casefold()
        start = toks[i].start
        hit = None
        for key, m in index.get(w, ()):
            j = i + len(key)
            if j <= len(toks) and not any(covered[i:j]) and tuple(t.norm.casefold() for t in toks[i:j]) == key:
                hit = (j, m)
                break
        if hit is None and len(w) > 3 and w[0] in PROCLITICS:
            for key, m in index.get(w[1:], ()):
                if len(key) == 1:
                    hit, start = (i + 1, m), _skip_letters(doc.text, toks[i].start, 1)
                    break
        if hit is None:
            i += 1
            continue
        j, m = hit
        e = toks[j - 1].end
        if m.type == "MODEL" and j == i + 1 and in_person[i]:
            i += 1
            continue  # a one-word model name (كلود) does not spread into a person's name
        second = toks[i + 1].norm if i + 1 < len(toks) else ""
        if m.type == "PERSON" and j == i + 1 and full_name[i] and second not in alone:
            i += 1
            continue  # نورا (tagged alone later) does not cut the model's نورا حسين at its first mention; two
            # names tagged alone each are two people (استقبلت ميركل بوتين)
        if i > 0 and not toks[i - 1].space_after and toks[i - 1].norm.isalnum() and not toks[i - 1].clitic:
            i += 1
            continue  # inside a longer word
        out.append(Mention(start, e, doc.text[start:e], m.type, "coref", 0.7, canonical=m.canonical, kb_id=m.kb_id))
        for k in range(i, j):
            covered[k] = True
        i = j
    return out


def surnames_as_people(mentions: list[Mention]) -> list[Mention]:
    """A one-word model guess (ORG, LOC) that is the last name of a person tagged in the article is
    that person (جورجيفا after كريستالينا جورجيفا), whatever type the model gave it."""
    surnames = set()
    for m in mentions:
        if m.type == "PERSON":
            words = normalize(m.text).text.split()
            if len(words) >= 2:
                surnames.add(words[-1])
    if not surnames:
        return mentions
    out = []
    for m in mentions:
        if m.source == "ner" and m.type in ("ORG", "LOC") and " " not in m.text.strip() and normalize(m.text).text in surnames:
            m = Mention(m.start, m.end, m.text, "PERSON", m.source, m.confidence)
        out.append(m)
    return out


def relatives_by_surname(doc: Document, mentions: list[Mention], aliases_of) -> list[Mention]:
    """A given name the model tagged right before a KB person's one-word surname alias names a relative with
    that surname (إيفانكا ترامب، كيمبال ماسك), not the KB person and a stray first name: one person, no KB id.
    Not when the given name is the KB person's own (دونالد ترامب is matched whole by the KB anyway)."""
    people = sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: m.start)
    merged: dict[int, Mention] = {}
    drop: set[int] = set()
    for a, b in zip(people, people[1:]):
        if a.source not in ("ner", "rule") or b.source != "kb" or " " in b.text.strip() or " " in a.text.strip():
            continue
        if not regex.fullmatch(r"\s", doc.text[a.end:b.start]) or not ARABIC_START.match(a.text):
            continue
        own = {w for alias in aliases_of(b.kb_id) for w in normalize(alias).text.split()}
        if normalize(a.text).text in own:
            continue
        merged[id(a)] = Mention(a.start, b.end, doc.text[a.start:b.end], "PERSON", "rule", a.confidence)
        drop.add(id(b))
    if not merged:
        return mentions
    return [merged.get(id(m), m) for m in mentions if id(m) not in drop]

