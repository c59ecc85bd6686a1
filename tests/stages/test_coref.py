"""Within-article coreference: surnames, ORG short names, model versions, acronyms and
glosses in parentheses, and the antecedent of الشركة / النموذج."""
from __future__ import annotations

from pipeline.stages.coref import anaphor_type, antecedent_of, coref_document
from pipeline.doc import Document, Mention


def at(text: str, surface: str, etype: str, nth: int = 0, **kw) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, etype, kw.pop("source", "rule"), **kw)


def doc_of(text: str, mentions: list[Mention]) -> Document:
    return Document(id="t", text=text, mentions=sorted(mentions, key=lambda m: m.start))


def spans(doc: Document) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in doc.mentions]


def test_surname_points_to_the_full_name_before_it():
    text = "قال ناثان لامبرت إن النماذج مهمة. وأضاف لامبرت أن ذلك صحيح."
    doc = coref_document(doc_of(text, [at(text, "ناثان لامبرت", "PERSON"), at(text, "لامبرت", "PERSON", nth=1)]))
    full, surname = doc.mentions
    assert surname.antecedent == 0 and surname.canonical == "ناثان لامبرت"
    assert full.antecedent is None


def test_surname_takes_the_kb_canonical_and_a_later_full_name():
    text = "وصف ألتمان النموذج، وقال سام ألتمان إنه الأفضل."
    full = at(text, "سام ألتمان", "PERSON", source="kb", kb_id="person/sam-altman", canonical="Sam Altman")
    doc = coref_document(doc_of(text, [at(text, "ألتمان", "PERSON"), full]))
    assert doc.mentions[0].antecedent == 1 and doc.mentions[0].canonical == "Sam Altman"


def test_surname_spelling_variant_and_nearest_person():
    text = "قال مارك زوكربيرغ ذلك. ثم قال جون زوكربيرغ شيئا. وأشار زوكربيرج إلى أن ميتا تغيرت."
    ms = [at(text, "مارك زوكربيرغ", "PERSON"), at(text, "جون زوكربيرغ", "PERSON"), at(text, "زوكربيرج", "PERSON")]
    doc = coref_document(doc_of(text, ms))
    assert doc.mentions[2].antecedent == 1  # the nearest preceding bearer of the name


def test_no_link_between_different_names():
    text = "قال علي فرهادي إن علي بابا تطلق نموذجا."
    doc = coref_document(doc_of(text, [at(text, "علي فرهادي", "PERSON"), at(text, "علي بابا", "ORG")]))
    assert all(m.antecedent is None for m in doc.mentions)


def test_kb_tagged_mentions_are_left_alone():
    text = "قال سام ألتمان إن ألتمان ..."
    ms = [at(text, "سام ألتمان", "PERSON", source="kb", kb_id="person/sam-altman", canonical="Sam Altman"),
          at(text, "ألتمان", "PERSON", nth=1, source="kb", kb_id="person/other", canonical="Other")]
    doc = coref_document(doc_of(text, ms))
    assert doc.mentions[1].antecedent is None and doc.mentions[1].canonical == "Other"


def test_org_without_its_generic_tail():
    text = "قالت Counterpoint Research إن السوق ينمو، وترى Counterpoint أن Google وGoogle DeepMind تتنافسان."
    ms = [at(text, "Counterpoint Research", "ORG"), at(text, "Counterpoint", "ORG", nth=1),
          at(text, "Google", "ORG"), at(text, "Google DeepMind", "ORG")]
    doc = coref_document(doc_of(text, ms))
    assert doc.mentions[1].antecedent == 0 and doc.mentions[1].canonical == "Counterpoint Research"
    assert doc.mentions[2].antecedent is None  # Google is not Google DeepMind


def test_model_version_alone_after_the_full_name():
    text = "أطلقت الشركة DeepSeek-R1 ثم حسّنت R1 لاحقا."
    doc = coref_document(doc_of(text, [at(text, "DeepSeek-R1", "MODEL"), at(text, "R1", "MODEL", nth=1)]))
    assert doc.mentions[1].antecedent == 0


def test_tagged_acronym_in_parentheses_points_to_the_full_name():
    text = "باحث في معهد ألين للذكاء الاصطناعي (Ai2)، وهو مؤسسة غير ربحية."
    ms = [at(text, "معهد ألين للذكاء الاصطناعي", "ORG"), at(text, "Ai2", "ORG")]
    doc = coref_document(doc_of(text, ms))
    assert doc.mentions[1].antecedent == 0 and doc.mentions[1].canonical == "معهد ألين للذكاء الاصطناعي"


def test_full_name_points_to_the_kb_tagged_acronym():
    text = "باحث في معهد ألين للذكاء الاصطناعي (Ai2)."
    ms = [at(text, "معهد ألين للذكاء الاصطناعي", "ORG"),
          at(text, "Ai2", "ORG", source="kb", kb_id="org/allen-institute-for-ai", canonical="Allen Institute for AI")]
    doc = coref_document(doc_of(text, ms))
    assert doc.mentions[0].antecedent == 1 and doc.mentions[0].canonical == "Allen Institute for AI"


def test_untagged_acronym_becomes_a_mention_with_its_later_uses():
    text = "يعرض رواد الأعمال أفكارهم في “أندريسن هوروويتز” (a16z). يقول الشريك في a16z: نعم. وكتب سام ألتمان."
    ms = [at(text, "أندريسن هوروويتز", "ORG", confidence=0.8), at(text, "سام ألتمان", "PERSON")]
    doc = coref_document(doc_of(text, ms))
    kept = [m for m in doc.mentions if m.source != "coref"]
    assert [(m.start, m.end, m.text) for m in kept] == [(m.start, m.end, m.text) for m in ms]
    added = [m for m in doc.mentions if m.source == "coref"]
    assert [m.text for m in added] == ["a16z", "a16z"]
    for m in added:
        assert doc.text[m.start:m.end] == m.text and m.type == "ORG"
        assert doc.mentions[m.antecedent].text == "أندريسن هوروويتز"
        assert m.canonical == "أندريسن هوروويتز"
    assert doc.mentions == sorted(doc.mentions, key=lambda m: m.start)


def test_acronym_after_a_partly_tagged_name():
    text = "باحث في معهد ألين للذكاء الاصطناعي (Ai2)، ويعمل Ai2 على النماذج."
    doc = coref_document(doc_of(text, [at(text, "معهد ألين", "ORG")]))
    assert [m.text for m in doc.mentions] == ["معهد ألين", "Ai2", "Ai2"]
    assert doc.mentions[1].antecedent == 0 and doc.mentions[2].antecedent == 0


def test_parentheses_that_define_nothing():
    text = "تطوير نماذج اللغة الكبيرة (LLMs) وواجهات البرمجة (APIs). أسس لامبرت مشروع ATOM (النماذج الأمريكية المفتوحة حقًا)."
    ms = [at(text, "لامبرت", "PERSON"), at(text, "ATOM", "ORG")]
    doc = coref_document(doc_of(text, ms))
    assert spans(doc) == [(m.start, m.end, m.text) for m in ms]
    assert all(m.antecedent is None for m in doc.mentions)


def test_offsets_never_change():
    text = "قال سام ألتمان إن ألتمان وOpenAI (أوبن إيه آي) سيطلقان GPT-5."
    ms = [at(text, "سام ألتمان", "PERSON"), at(text, "ألتمان", "PERSON", nth=1), at(text, "OpenAI", "ORG"),
          at(text, "أوبن إيه آي", "ORG"), at(text, "GPT-5", "MODEL")]
    before = [(m.start, m.end, m.text) for m in ms]
    doc = coref_document(doc_of(text, ms))
    assert spans(doc) == before
    assert doc.mentions[3].antecedent == 2  # the Arabic gloss is the same ORG


def test_antecedent_of_anaphors():
    text = "أعلنت OpenAI عن GPT-oss، وهو أول نموذج مفتوح من الشركة. ووصف ألتمان النموذج بأنه الأفضل."
    ms = [at(text, "OpenAI", "ORG"), at(text, "GPT-oss", "MODEL"), at(text, "ألتمان", "PERSON")]
    doc = doc_of(text, ms)
    assert antecedent_of(doc, text.index("الشركة"), "ORG") is ms[0]
    assert antecedent_of(doc, text.index("النموذج"), "MODEL") is ms[1]
    assert antecedent_of(doc, text.index("OpenAI"), "ORG") is None
    assert len(doc.mentions) == 3
    assert anaphor_type("الشركة") == "ORG" and anaphor_type("النموذج") == "MODEL" and anaphor_type("ألتمان") is None


def test_acronym_before_its_expansion():
    text = "قال باحث في Ai2 (معهد ألين للذكاء الاصطناعي) إن النماذج مهمة."
    doc = coref_document(doc_of(text, [at(text, "Ai2", "ORG"), at(text, "معهد ألين للذكاء الاصطناعي", "ORG")]))
    assert doc.mentions[0].antecedent == 1 and doc.mentions[1].antecedent is None


def test_first_name_alone_points_to_the_only_full_name_it_starts():
    text = "قال بيرسي تشانغ إن القرار صعب. وأضاف بيرسي أن الشركة تتعاون. وقال أحمد سالم وأحمد كريم شيئا، ثم أحمد."
    ms = [at(text, "بيرسي تشانغ", "PERSON"), at(text, "بيرسي", "PERSON", nth=1),
          at(text, "أحمد سالم", "PERSON"), at(text, "أحمد كريم", "PERSON"), at(text, "أحمد", "PERSON", nth=2)]
    doc = coref_document(doc_of(text, ms))
    assert doc.mentions[1].antecedent == 0 and doc.mentions[1].canonical == "بيرسي تشانغ"
    assert doc.mentions[4].antecedent is None  # two full names start with أحمد


def test_a_word_in_parentheses_after_a_model_is_its_setting_not_its_name():
    text = "وحصل نموذج Tarvex-3 (High) على المركز الأول، وتلاه Tarvex-3 (XR2)."
    doc = coref_document(doc_of(text, [at(text, "Tarvex-3", "MODEL"), at(text, "Tarvex-3", "MODEL", nth=1)]))
    assert [m.text for m in doc.mentions if m.source == "coref"] == ["XR2"]  # an acronym still glosses it
