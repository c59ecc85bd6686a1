"""``--morph camel``: proclitic splits (and lemmas) from CAMeL Tools' morphological analyser.

The corpus-count segmenter (``segment.Vocabulary``) guesses a split from word frequencies;
CAMeL's analyser with its MLE disambiguator knows the word. For a word it analyses, the top
analysis' proclitic features decide the split, ATB style: conjunctions (``prc2`` wa_/fa_)
and prepositions (``prc1`` bi_/li_/la_/ka_) come off, the article (``prc0``) stays on the
stem. The future marker سـ and the question أ are not pipeline proclitics, so a word carrying
them is not split. A word the database does not know (most foreign names: وانغ، لامبرت) is
left to the corpus counts, so camel never splits a name the analyser would only guess at.

Our words arrive normalised (ة→ه, ى→ي, أإآ→ا, ؤ→و, ئ→ي). The analyser folds the first
three itself; the MLE model is keyed by raw dediacritised words, so its keys are normalised
the same way when it loads. Words with a folded hamza carrier are mostly unknown to the
database and fall back to the counts.

Config: ``segment.morph: "camel"`` (optional ``segment.morph_db`` and ``segment.morph_mle``
paths; default the installed calima-msa-r13 database and MLE model).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..stages.segment import Vocabulary

# First letters of CAMeL proclitic feature values -> the pipeline's proclitic letters.
CONJ = {"wa": "و", "fa": "ف"}
PREP = {"bi": "ب", "li": "ل", "la": "ل", "ka": "ك"}
NONE = frozenset({"0", "na", ""})


class CamelMorphology:
    """Top MLE analysis per (normalised) word, with the split and lemma read off it."""

    def __init__(self, disambiguator):
        self.disambiguator = disambiguator
        self._cache: dict[str, dict | None] = {}

    def analysis(self, word: str) -> dict | None:
        """The top analysis of ``word``, or None when the database does not know it."""
        if word not in self._cache:
            scored = self.disambiguator.disambiguate_word([word], 0).analyses
            top = scored[0].analysis if scored else None
            self._cache[word] = top if top is not None and top.get("source") not in ("backoff", "foreign") else None
        return self._cache[word]

    def proclitics(self, word: str) -> str | None:
        """The pipeline proclitics the analysis finds at the start of ``word`` ("" for none),
        or None when the word is unknown."""
        a = self.analysis(word)
        if a is None:
            return None
        if a.get("prc3", "0") not in NONE:
            return ""
        prefix = ""
        prc2, prc1 = a.get("prc2", "0"), a.get("prc1", "0")
        if prc2 not in NONE:
            if prc2[:2] not in CONJ:
                return ""
            prefix += CONJ[prc2[:2]]
        if prc1 not in NONE and prc1[:2] in PREP:
            prefix += PREP[prc1[:2]]
        return prefix

    def split(self, word: str) -> tuple[str, str] | None:
        """(proclitics, stem) as ``Vocabulary.split`` gives it, or None when unknown."""
        prefix = self.proclitics(word)
        if prefix is None:
            return None
        if not prefix or not word.startswith(prefix) or len(word) - len(prefix) < 2:
            return "", word
        return prefix, word[len(prefix):]

    def lemma(self, word: str) -> str | None:
        """The lemma (dediacritised ``lex``) of the top analysis."""
        from camel_tools.utils.dediac import dediac_ar

        a = self.analysis(word)
        return dediac_ar(a["lex"]) if a and a.get("lex") else None


@dataclass
class CamelVocabulary(Vocabulary):
    """The corpus vocabulary, with its split decision taken by CAMeL for the words it knows.

    Counts (used by the taggers) and protected words stay the corpus vocabulary's; words
    shorter than four letters are never split, as with the counts.
    """

    morph: CamelMorphology | None = None

    @classmethod
    def wrap(cls, base: Vocabulary, morph: CamelMorphology) -> "CamelVocabulary":
        return cls(counts=base.counts, protected=base.protected, min_count=base.min_count, morph=morph)

    def split(self, word: str) -> tuple[str, str]:
        if word in self.protected or len(word) < 4 or self.morph is None:
            return super().split(word)
        decided = self.morph.split(word)
        return decided if decided is not None else super().split(word)

    def lemma(self, word: str) -> str | None:
        return self.morph.lemma(word) if self.morph is not None else None


def load_camel_morph(db: Path | str | None = None, mle: Path | str | None = None) -> CamelMorphology:
    """The installed calima-msa-r13 database and MLE model, or the given files."""
    from ..errors import UsageError
    from .status import camel_morph_paths, camel_morph_status

    status = camel_morph_status(db, mle)
    if not status.ok:
        raise UsageError(status.error())
    db_path, mle_path = camel_morph_paths(db, mle)
    return _load(str(db_path), str(mle_path))


@lru_cache(maxsize=2)
def _load(db_path: str, mle_path: str) -> CamelMorphology:
    from camel_tools.disambig.mle import MLEDisambiguator
    from camel_tools.morphology.analyzer import Analyzer
    from camel_tools.morphology.database import MorphologyDB

    analyzer = Analyzer(MorphologyDB(db_path, "a"), backoff="NONE", cache_size=100_000)
    mle = MLEDisambiguator(analyzer, mle_path)
    _normalise_mle_keys(mle)
    return CamelMorphology(mle)


def _normalise_mle_keys(mle) -> None:
    """Key the MLE model by our normalised words (its own keys are raw dediacritised words)."""
    from ..stages.normalize import normalize_char

    table = getattr(mle, "_mle", None)
    if not isinstance(table, dict):
        return
    normalised: dict[str, dict] = {}
    for word, analysis in table.items():
        normalised.setdefault("".join(normalize_char(c) for c in word), analysis)
    mle._mle = normalised


def camel_vocabulary(base: Vocabulary, db: Path | str | None = None, mle: Path | str | None = None) -> CamelVocabulary:
    """``base`` with CAMeL's split decision (raises the one-line error when not installed)."""
    return CamelVocabulary.wrap(base, load_camel_morph(db, mle))
