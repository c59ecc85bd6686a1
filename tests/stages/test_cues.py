"""The cue lexicon: forms generated from lemmas (pipeline/stages/cues.py), matched in text, and the
sense written into the claim record. Sentences are written for these tests."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.cues import CueLexicon, generate, imperfect_forms, participle_forms, perfect_forms
from pipeline.stages.normalize import normalize

REPO = Path(__file__).resolve().parents[2]
CUES = REPO / "models" / "lexicons" / "cues.json"
DATA = json.loads(CUES.read_text(encoding="utf-8"))


def n(w: str) -> str:
    return normalize(w).text


def entry(lemma: str) -> dict:
    return next(e for e in DATA["lemmas"] if e["lemma"] == lemma)


@pytest.fixture(scope="module")
def lex() -> CueLexicon:
    return CueLexicon.load(CUES)


def forms_of(lemma: str) -> set[str]:
    return {f for f, _ in generate(entry(lemma))}


def test_at_least_120_lemmas_each_with_a_known_sense():
    assert len(DATA["lemmas"]) >= 120
    senses = set(DATA["senses"])
    assert all(e["sense"] in senses for e in DATA["lemmas"])
    assert all(x["sense"] in senses for x in DATA["nouns"] + DATA["preps"])
    assert len({e["lemma"] for e in DATA["lemmas"]}) == len(DATA["lemmas"])


def test_perfect_persons_of_a_sound_verb():
    cells = {f: (fem, pl) for f, fem, pl in perfect_forms(entry("حذّر"))}
    assert cells[n("حذّر")] == (False, False)  # 3ms
    assert cells[n("حذّرت")] == (True, False)  # 3fs (also 1s/2s in writing)
    assert cells[n("حذّروا")] == (False, True)  # 3mp
    assert cells[n("حذّرتا")] == (True, True)  # 3fd
    assert cells[n("حذّرن")] == (True, True)  # 3fp
    assert n("حذّرنا") in cells and n("حذّرتم") in cells


def test_perfect_of_a_hollow_verb_shortens_before_consonant_suffixes():
    forms = {f for f, _, _ in perfect_forms(entry("قال"))}
    assert {n(w) for w in ["قال", "قالت", "قالوا", "قالا", "قلن", "قلت", "قلنا"]} <= forms
    assert n("قالن") not in forms


def test_imperfect_persons():
    forms = {f: (fem, pl) for f, fem, pl in imperfect_forms(entry("قال"))}
    for w in ["يقول", "تقول", "نقول", "أقول", "يقولون", "يقولان", "تقولين"]:
        assert n(w) in forms, w
    assert forms[n("يقلن")] == (True, True)
    assert forms[n("تقول")][0] is True
    # form IV: the hamza of the 1s prefix and the stem's hamza carrier normalise
    assert {n("يؤكد"), n("أؤكد"), n("يؤكدون")} <= {f for f, _, _ in imperfect_forms(entry("أكّد"))}


@pytest.mark.parametrize("lemma,words", [
    ("نفى", ["نفى", "نفت", "نفوا", "نفيت", "ينفي", "تنفي", "ينفون", "ينفين"]),
    ("دعا", ["دعا", "دعت", "دعوا", "دعوت", "يدعو", "تدعو", "يدعون", "داعيًا"]),
    ("رأى", ["رأى", "رأت", "رأوا", "رأيت", "يرى", "ترى", "يرون", "أرى"]),
    ("ادّعى", ["ادعى", "ادعت", "ادعوا", "يدعي", "تدعي", "مدعيًا"]),
    ("أبدى", ["أبدى", "أبدت", "أبدوا", "يبدي", "تبدي", "يبدون", "مبديًا"]),
    ("شدّد", ["شدد", "شددت", "شددوا", "يشدد", "يشددن", "مشددًا"]),
    ("أقرّ", ["أقر", "أقرت", "أقروا", "أقررت", "يقر", "يقرون", "يقررن"]),
    ("أشار", ["أشار", "أشارت", "أشرت", "يشير", "يشرن", "مشيرًا", "مشيرين"]),
])
def test_weak_verbs(lemma, words):
    forms = forms_of(lemma)
    for w in words:
        assert n(w) in forms, w


def test_weak_verbs_do_not_make_impossible_forms():
    assert n("نفيت") in forms_of("نفى") and n("نفات") not in forms_of("نفى")
    assert n("دعات") not in forms_of("دعا") and n("يدعاو") not in forms_of("دعا")
    assert n("يرأى") not in forms_of("رأى")


def test_participle_with_and_without_tanwin_and_feminine(lex):
    for w in ["محذرًا", "محذرا", "محذّراً"]:
        assert lex.forms[n(w)].kind == "participle"
        assert not lex.forms[n(w)].feminine
    for w in ["منوهةً", "منوهة", "معلنةً"]:
        info = lex.forms[n(w)]
        assert info.kind == "participle" and info.feminine
    assert lex.forms[n("مشيرين")].plural
    assert {f for f, _, _ in participle_forms(entry("دعا"))} >= {n("داعيًا"), n("داعين")}


def test_proclitics_the_segmenter_leaves_on(lex):
    """و/ف stay on a word whose rest is rare (وحذرتا); ل/ول/فل only before a 3rd-person imperfect."""
    info = lex.forms[n("وحذرتا")]
    assert info.lemma == "حذّر" and info.proclitic == "و" and info.feminine
    assert lex.forms[n("فقالت")].proclitic == "ف"
    assert lex.forms[n("ليؤكد")].proclitic == "ل"
    assert lex.forms[n("وليؤكد")].proclitic == "ول"
    assert n("لقال") not in lex.forms  # ل is no proclitic of a perfect
    assert n("لأرى") not in lex.forms  # لاري is the name Larry
    assert n("حذرتا") in lex.bare_forms() and n("وحذرتا") not in lex.bare_forms()


def test_object_pronouns_only_on_verbs_that_take_an_addressee(lex):
    for w in ["أخبرهم", "أبلغه", "وصفوه", "أخبرتها"]:
        assert lex.forms[n(w)].object, w
    assert n("قالهم") not in lex.forms


def test_masdar_is_a_cue_only_where_the_data_says_so():
    e = dict(entry("حذّر"), masdar_cue=True)
    masdar = {f for f, info in generate(e) if info.kind == "masdar"}
    assert {n("تحذيره"), n("تحذيرها")} <= masdar
    e["masdar_cue"] = False
    assert not any(info.kind == "masdar" for _, info in generate(e))


def test_senses(lex):
    assert lex.forms[n("حذرت")].sense == "warn"
    assert lex.forms[n("نفت")].sense == "deny"
    assert lex.forms[n("أعلنت")].sense == "announce"
    assert lex.forms[n("يعتقد")].sense == "believe"
    assert lex.forms[n("طالبت")].sense == "call"
    assert lex.forms[n("أشادت")].sense == "praise"


def test_content_prepositions(lex):
    assert lex.forms[n("حذرت")].content_preps == (n("من"),)
    assert lex.forms[n("دعا")].content_preps == (n("إلى"),)
    assert lex.forms[n("أعربت")].content_preps == (n("عن"),)
    assert lex.forms[n("كشفت")].content_preps == (n("عن"),)
    assert n("الستار") in lex.forms[n("أزاحت")].prep_objects
    assert lex.forms[n("قال")].content_preps == ()


def test_frequent_non_cue_words_are_not_cues(lex):
    """Forms that spell a frequent non-cue word are left out (بين 'between', عبر 'via',
    نصف 'half', اثنين 'two', نجيب a name), and forms that double as nouns are cues only where
    a clause begins (كتب 'books')."""
    for w in ["بين", "عبر", "نصف", "نصفهم", "اثنين", "نجيب", "دون", "أبرز", "أملًا", "تحدث", "ردًا", "داعية"]:
        assert n(w) not in lex.forms, w
    assert lex.forms[n("مطالبات")].kind == "masdar"  # the noun 'demands' is a cue as a masdar only
    books = [n(w) for w in "اشترى الطلاب كتب البرمجة".split()]
    assert lex.match_verb(books, 2) is None
    wrote = [n(w) for w in "و كتب الباحث أن".split()]
    assert lex.match_verb(wrote, 1).lemma == "كتب"


def test_top_corpus_words_that_are_cue_forms_are_reporting_verbs(lex):
    """Among the 400 most frequent words of the news corpus, every cue form is a real reporting
    verb or participle: a collision there would fire on most articles."""
    counts = []
    with gzip.open(REPO / "models" / "lexicons" / "word_counts.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            w, _, c = line.rstrip("\n").partition("\t")
            if c:
                counts.append((-int(c), w))
    top = [w for _, w in sorted(counts)[:400]]
    allowed = {n(w) for w in ["وقال", "قال", "واضاف", "وقالت", "اعلن", "اعلنت", "قالت", "قائلا", "اكد", "واكد",
                                "وتابع", "واوضح", "واضافت", "واشار"]}
    assert {w for w in top if w in lex.forms} <= allowed


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(DATA["lemmas"]))
def test_generated_forms_are_normalised_arabic_words(e):
    for form, info in generate(e):
        assert form == n(form) and form.isalpha() and " " not in form
        assert info.lemma == e["lemma"] and info.sense == e["sense"]


def test_load_is_deterministic():
    a = CueLexicon.load(CUES)
    b = CueLexicon.load(CUES)
    assert list(a.forms) == list(b.forms)


# --- in the pipeline -----------------------------------------------------------------------

def _claims(run_text, text):
    doc = run_text(text)
    return doc, [(c.speaker_span.text, c.cue.text, c.cue_lemma, c.cue_sense, c.content.text) for c in doc.claims]


def test_glued_proclitic_and_feminine_participle_in_text(run_text):
    _, got = _claims(run_text, "وأعلنت شركة نوفا لابس عن إطلاق منصتها الجديدة، معلنةً أن الخدمة مجانية للطلاب.")
    assert got[0][2:4] == ("أعلن", "announce") and got[0][4].startswith("إطلاق منصتها")
    assert got[1][1] == "معلنةً" and got[1][4] == "الخدمة مجانية للطلاب"


def test_warn_and_deny_senses_in_text(run_text):
    _, got = _claims(run_text, "وحذّر الباحث سامر الخطيب من أن النماذج المفتوحة قد تُستغل في الاحتيال. "
                               "ونفت الشركة أن تكون بياناتها قد سُرّبت.")
    assert [g[3] for g in got] == ["warn", "deny"]
    assert got[0][0] == "سامر الخطيب" and got[0][4] == "النماذج المفتوحة قد تُستغل في الاحتيال"


def test_content_after_the_cues_preposition(run_text):
    _, got = _claims(run_text, "ودعا الوزير خالد المنصوري إلى وضع قواعد واضحة لاستخدام الذكاء الاصطناعي في المدارس.")
    assert got == [("خالد المنصوري", "دعا", "دعا", "call", "وضع قواعد واضحة لاستخدام الذكاء الاصطناعي في المدارس")]


def test_noun_phrase_cue_and_not_twice_after_a_verb(run_text):
    _, got = _claims(run_text, "أطلقت شركة نوفا لابس أول نماذجها. وجاء في بيان الشركة أن الإصدار الجديد سيصل إلى "
                               "المستخدمين الشهر المقبل.")
    assert len(got) == 1 and got[0][2:4] == ("جاء في بيان", "announce")
    assert got[0][4] == "الإصدار الجديد سيصل إلى المستخدمين الشهر المقبل"
    _, got = _claims(run_text, "وقال المدير التنفيذي رامي حداد، في مقابلة مع الصحيفة، إن الشركة ستتوسع.")
    assert [g[1] for g in got] == ["قال"]


def test_masdar_cue_with_its_speaker_after_it(run_text):
    _, got = _claims(run_text, "وتأتي دعوة الوزير خالد المنصوري إلى وضع قواعد واضحة بعد أسابيع من الجدل.")
    assert got and got[0][:4] == ("خالد المنصوري", "دعوة", "دعا", "call")


def test_content_after_the_cues_preposition_past_a_short_adjunct(run_text):
    _, got = _claims(run_text, "وأعلنت شركة نوفا لابس في بيان عن إطلاق منصة جديدة للطلاب.")
    assert got == [("نوفا لابس", "أعلنت", "أعلن", "announce", "إطلاق منصة جديدة للطلاب")]


def test_content_after_an_unveiling_idiom(run_text):
    _, got = _claims(run_text, "وأزاحت شركة نوفا لابس الستار عن نموذجها الجديد للترجمة.")
    assert got == [("نوفا لابس", "أزاحت", "أزاح", "reveal", "نموذجها الجديد للترجمة")]


def test_content_after_a_feeling_is_its_clause(run_text):
    _, got = _claims(run_text, "وأعرب الباحث سامر الخطيب عن أسفه لأن الجامعة أوقفت المشروع.")
    assert got == [("سامر الخطيب", "أعرب", "أعرب", "express", "الجامعة أوقفت المشروع")]


def test_preposition_cue(run_text):
    _, got = _claims(run_text, "وبحسب رويترز فإن الشركة تستعد لطرح أسهمها في البورصة.")
    assert got and got[0][0] == "رويترز" and got[0][3] == "according"


def test_sense_is_written_into_the_claim_record_and_validates(run_text):
    from pipeline.schema import claim_record, sha256_text, validate

    doc = run_text("وأشادت الباحثة ليلى القاسم بأن النموذج الجديد أدق من سابقه.")
    assert doc.claims
    rec = claim_record(doc, doc.claims[0], sha256_text(doc.text))
    validate("claim", rec)
    assert rec["cue"]["lemma"] == "أشاد" and rec["cue"]["sense"] == "praise"


def test_possessive_verbal_noun_of_say_is_a_cue():
    lex = CueLexicon.load(Path(__file__).resolve().parents[2] / "models/lexicons/cues.json")
    for w in ("قوله", "قولها", "قولهم"):
        assert lex.forms[w].kind == "masdar" and lex.forms[w].lemma == "قال"


def test_imperfect_forms_are_marked():
    lex = CueLexicon.load(REPO / "models/lexicons/cues.json")
    assert lex.forms["يعلن"].imperfect and lex.forms["وتعلن"].imperfect
    assert not lex.forms["اعلن"].imperfect and not lex.forms["اعلنت"].imperfect


def test_a_participle_that_is_also_an_adjective_is_a_cue_only_before_its_preposition(lex):
    """لافتًا إلى أن is 'pointing out that'; بشكل لافت 'remarkably' and لافتة 'a banner' are not."""
    def cue(sentence: str, word: str):
        norms = [n(w) for w in sentence.split()]
        return lex.match_verb(norms, norms.index(n(word)))

    assert cue("الخطة جاهزة ، لافتًا إلى أن التمويل متاح", "لافتًا") is not None
    assert cue("الخطة جاهزة ، لافتةً إلى أن التمويل متاح", "لافتةً").feminine
    assert cue("سجلت الشركة نموا لافتا في الأرباح", "لافتا") is None
    assert cue("رفع المحتجون لافتة كتب عليها شعار", "لافتة") is None
    assert cue("نموا لافتا", "لافتا") is None  # last word: nothing follows


def test_a_participle_bound_to_its_preposition_is_no_cue_word_for_names_or_the_linker(lex, nlp):
    """لافتة alone is a banner: it must not end a name (الصحفي فلان يرفع لافتة) as a speech verb would."""
    from pipeline.factories import _claim_lexicon, _rule_lexicon

    assert n("لافتة") in lex.forms and n("لافتة") not in lex.standalone_forms()
    assert n("مشيرة") in lex.standalone_forms()
    assert n("لافتة") not in _rule_lexicon(nlp.resources).cues
    assert n("لافتة") not in _claim_lexicon(nlp.resources).verbs
