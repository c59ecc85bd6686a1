"""The built-in pipeline components: thin factories over the stage modules.

Stage modules (``pipeline/stages/``: segment, tagger, dates, ner, merge, coref, resolve,
claims) stay pure functions and classes that never register themselves; this module wires
them to the shared resources (models loaded once) and registers each under its config name.
``nlp.load_pipeline`` imports it, so the stages never depend on the builder.
"""
from __future__ import annotations

from . import backends  # noqa: F401  (registers the camel, stanza and ensemble NER loaders)
from .component_registry import register_component
from .doc import Document
from .paths import lexicon_path
from .stages.segment import Vocabulary, segment


@register_component("segment")
def make_segmenter(res, cfg):
    vocab = _vocab(res)

    def segment_component(doc: Document) -> Document:
        doc.norm, doc.sentences, doc.tokens = segment(doc.text, vocab)
        return doc

    return segment_component


ORG_HEAD_KEYS = ("org_triggers", "org_triggers_in_name", "org_heads", "org_weak_heads", "org_definite_heads", "org_open_heads")


def _vocab(res):
    """Corpus counts, with words that must never lose a leading letter: speech cues (وصف،
    وصفه، كشف), the words of the KB's person names (ليانغ، لامبرت) and the head nouns of
    organisation names (كلية is never ك + لية)."""

    def load():
        from .stages.normalize import normalize

        protected = set(_cue_lexicon(res).protected_words())  # كشفت is never ك + شفت, بيان never ب + يان
        for e in _kb(res):
            if e.type == "PERSON":
                for alias in e.aliases:
                    protected.update(normalize(alias).text.split())
        data = _tagger_data(res)
        for key in ORG_HEAD_KEYS:
            protected.update(normalize(w).text for w in data.get(key, ()) if isinstance(w, str) and " " not in w)
        seg = res.config.get("segment", {})
        vocab = Vocabulary.load(lexicon_path(seg.get("vocab", "word_counts.tsv.gz")), protected=frozenset(protected))
        if seg.get("morph") == "camel":  # CAMeL's analyser decides the splits of the words it knows
            from .backends.camel_morph import camel_vocabulary

            vocab = camel_vocabulary(vocab, seg.get("morph_db"), seg.get("morph_mle"))
        return vocab

    return res.get("vocab", load)


def _claim_data(res):
    import json

    path = lexicon_path(res.config.get("claims", {}).get("lexicon", "claims.json"))
    return res.get("claim_data", lambda: json.loads(path.read_text(encoding="utf-8")))


def _cue_lexicon(res):
    from .stages.cues import CueLexicon

    return res.get("cue_lexicon", lambda: CueLexicon.load(lexicon_path(res.config.get("claims", {}).get("cues", "cues.json"))))


def _kb(res):
    from .stages.kb import KnowledgeBase

    return res.get("kb", lambda: KnowledgeBase.load(res.config.get("kb_tagger", {}).get("user_kb", [])))


def _claim_lexicon(res):
    from .stages.claims import ClaimLexicon

    return res.get("claim_lexicon", lambda: ClaimLexicon.load(
        lexicon_path(res.config.get("claims", {}).get("lexicon", "claims.json")), titles=_rule_lexicon(res).person_titles,
        vocab=_vocab(res), cues=_cue_lexicon(res)))


def _time_words() -> frozenset[str]:
    """One-word weekdays, day words, day parts and "now" words of the dates lexicon (الجمعة، اليوم، الصباح)."""
    import json

    from .stages.normalize import normalize

    data = json.loads(lexicon_path("dates.json").read_text(encoding="utf-8"))
    keys = [*data["weekdays"], *data["days"], *data["now"], *data["dayparts"], *data["evenings"], *data["seasons"]]
    return frozenset(w for w in (normalize(k).text for k in keys) if " " not in w)


def _rule_lexicon(res):
    from .stages.tagger import RuleLexicon

    def load():
        from .stages.normalize import normalize

        data = _claim_data(res)
        cues = _cue_lexicon(res)
        forms = set(cues.standalone_forms())
        forms |= {normalize(w).text for phrase, _, _ in cues.preps for w in phrase.split() if len(w) >= 3}
        path = lexicon_path(res.config.get("rule_tagger", {}).get("lexicon", "tagger.json"))
        groups = frozenset(normalize(w).text for w in data["group_speakers"])  # الخبراء is never a name
        places = tuple(a for e in _kb(res) if e.type == "LOC" for a in e.aliases)
        given = lexicon_path(res.config.get("rule_tagger", {}).get("given_names", "given_names.txt"))
        return RuleLexicon.load(path, frozenset(forms), _vocab(res), extra_stopwords=groups, places=places,
                                time_words=_time_words(), given_names=frozenset(given.read_text(encoding="utf-8").split()))

    return res.get("rule_lexicon", load)


def _person_names(res):
    def load():
        path = lexicon_path(res.config.get("rule_tagger", {}).get("names", "person_names.txt"))
        names = {w for w in path.read_text(encoding="utf-8").split() if w}
        from .stages.normalize import normalize

        lex, vocab = _rule_lexicon(res), _vocab(res)
        # common Arabic given names, which the NER corpora (mostly men in politics) list too few of (نورة،
        # لطيفة، رانية); one that is also a common word (بيان "statement"، وعد "promise"، اليسرى) is left to
        # the statistical model: frequent in the word counts, or used with the article
        given = lexicon_path(res.config.get("rule_tagger", {}).get("given_names", "given_names.txt"))
        for w in (normalize(x).text for x in given.read_text(encoding="utf-8").split()):
            if vocab.count(w) < lex.common_word_count and vocab.count("ال" + w) < 5:
                names.add(w)

        for e in _kb(res):
            if e.type == "PERSON":
                for alias in e.aliases:
                    names.update(normalize(alias).text.split())
        # the corpora's name tokens include plural nouns (العلماء): drop common ال-words
        names = {w for w in names if not (w.startswith("ال") and vocab.count(w) > lex.common_word_count)}
        return frozenset(names - (lex.stopwords - lex.name_exceptions))

    return res.get("person_names", load)


def _tagger_data(res):
    import json

    path = lexicon_path(res.config.get("rule_tagger", {}).get("lexicon", "tagger.json"))
    return res.get("tagger_data", lambda: json.loads(path.read_text(encoding="utf-8")))


@register_component("kb_tagger")
def make_kb_tagger(res, cfg):
    from .stages.tagger import Gazetteer, kb_mentions

    kb = _kb(res)
    gz = res.get("gazetteer", lambda: Gazetteer.build(kb, _vocab(res), tiers=_tagger_data(res).get("model_tiers"),
                                                      app_words=tuple(_tagger_data(res).get("model_app_words", ())),
                                                      release_verbs=tuple(_tagger_data(res).get("model_release_verbs", ())),
                                                      topic_words=tuple(_tagger_data(res).get("model_topic_words", ())),
                                                      use_nouns=tuple(_tagger_data(res).get("model_use_nouns", ())),
                                                      count_words=tuple(_tagger_data(res).get("model_count_words", ())),
                                                      use_verbs=tuple(map(tuple, _tagger_data(res).get("model_use_verbs", ()))),
                                                      behaviour_verbs=tuple(map(tuple, _tagger_data(res).get("model_behaviour_verbs", ()))),
                                                      kind_adjectives=tuple(_tagger_data(res).get("model_kind_adjectives", ())),
                                                      alias_heads=tuple(_tagger_data(res).get("kb_alias_heads", ()))))

    def kb_tagger(doc: Document) -> Document:
        doc.mentions.extend(kb_mentions(doc, gz, kb))
        return doc

    return kb_tagger


@register_component("rule_tagger")
def make_rule_tagger(res, cfg):
    from .stages.tagger import rule_mentions

    lex, vocab, names = _rule_lexicon(res), _vocab(res), _person_names(res)

    def rule_tagger(doc: Document) -> Document:
        doc.mentions.extend(rule_mentions(doc, lex, vocab, names))
        return doc

    return rule_tagger


@register_component("merge")
def make_merge(res, cfg):
    from .stages.merge import (PersonContext, bodies_with_their_nisba, filter_model_mentions, foreign_name_word,
                               merge_mentions, models_in_lists, persons_in_context, propagate_names,
                               relatives_by_surname, resolve_type_conflicts, surnames_as_people, with_propagated)

    vocab, lex, names = _vocab(res), _rule_lexicon(res), _person_names(res)
    kb = _kb(res)
    person_ctx = res.get("person_context", lambda: PersonContext.load(
        lexicon_path(cfg.get("person_context", "person_context.json"))))

    def aliases_of(kb_id):
        entry = kb.entries.get(kb_id) if kb_id else None
        return entry.aliases if entry is not None else ()

    from .stages.normalize import normalize

    model_names = {normalize(a).text.casefold() for e in kb if e.type == "MODEL" for a in e.aliases}

    def namesake(m):
        return normalize(m.text).text.casefold() in model_names  # ميسترال names the lab and its models

    def name_word(w: str) -> bool:
        return foreign_name_word(w, lex, vocab, names)

    def org_suffix(w: str) -> bool:
        return w in lex.org_arabic_suffixes or w.casefold() in lex.org_latin_suffixes

    def merge(doc: Document) -> Document:
        persons = persons_in_context(doc, doc.mentions, person_ctx, lex, vocab, names)
        merged = models_in_lists(doc, bodies_with_their_nisba(
            doc, merge_mentions(filter_model_mentions(doc, persons, lex, vocab, names), doc.text, name_word, org_suffix),
            lex, aliases_of),
            namesake=namesake)
        merged = resolve_type_conflicts(surnames_as_people(relatives_by_surname(doc, with_propagated(doc, merged, vocab, names),
                                                                                aliases_of)))
        spread = propagate_names(doc, merged, vocab, compound_heads=person_ctx.compound_heads)
        doc.mentions = sorted(merged + spread, key=lambda m: (m.start, m.end))
        return doc

    return merge


@register_component("claims")
def make_claims(res, cfg):
    from .stages.claims import link_claims

    lex, kb = _claim_lexicon(res), _kb(res)

    def claims(doc: Document) -> Document:
        doc.claims = link_claims(doc, lex, kb)
        return doc

    return claims


@register_component("dates")
def make_dates(res, cfg):
    from .stages.dates.tagger import DateTagger
    from .doc import Mention

    tagger = res.get("date_tagger", lambda: DateTagger.load(lexicon_path(cfg["lexicon"]) if cfg.get("lexicon") else None))
    prefer = cfg.get("prefer", "past")

    def dates(doc: Document) -> Document:
        for d in tagger.find(doc.text, doc.published, prefer=prefer):
            doc.mentions.append(Mention(d.start, d.end, d.text, "DATE", "dates", 0.9,
                                        value=d.value, grain=d.grain, resolved=d.resolved))
        return doc

    return dates


@register_component("ner")
def make_ner(res, cfg):
    from .stages.ner import make_ner_component

    return make_ner_component(res, cfg)


@register_component("coref")
def make_coref(res, cfg):
    from .stages.coref import make_coref

    return make_coref(res, cfg)


@register_component("resolve")
def make_resolver(res, cfg):
    from .stages.resolve import make_resolver

    return make_resolver(res, cfg)
