"""Tagging on sentences written for the tests (not taken from the seed articles)."""


def ents(doc, typ=None):
    return [(m.text, m.type) for m in doc.mentions if typ is None or m.type == typ]


def test_kb_names_lose_their_proclitics(run_text):
    doc = run_text("قالت متحدثة باسم لشركة Anthropic إن نموذج Claude متاح وبـ Gemini أيضا.")
    assert ("Anthropic", "ORG") in ents(doc)
    assert ("Gemini", "MODEL") in ents(doc)


def test_arabic_kb_alias_behind_a_kept_proclitic(run_text):
    doc = run_text("تنافس شركات مثل غوغل وميتا على السوق.")
    metas = [m for m in doc.mentions if m.kb_id == "org/meta"]
    assert metas and metas[0].text == "ميتا"


def test_model_family_with_an_unlisted_version(run_text):
    doc = run_text("أطلقت علي بابا نموذج Qwen 7.5 الجديد.")
    models = [m for m in doc.mentions if m.type == "MODEL"]
    assert models and models[0].text == "Qwen 7.5"
    assert models[0].canonical.startswith("Qwen")


def test_lab_and_namesake_model_family_are_told_apart(run_text):
    doc = run_text("قالت DeepSeek إن DeepSeek V9 أسرع.")
    types = [m.type for m in doc.mentions if m.text.startswith("DeepSeek")]
    assert types == ["ORG", "MODEL"]


def test_latin_typo_of_a_known_organisation(run_text):
    doc = run_text("من الشركات المنافسة Microsfot وAmazon.")
    assert any(m.kb_id == "org/microsoft" for m in doc.mentions)


def test_mixed_script_name(run_text):
    doc = run_text("أطلقت بaidu نموذجها.")  # ب standing for the Latin b
    assert any(m.kb_id == "org/baidu" for m in doc.mentions)


def test_person_after_cue_and_after_title(run_text):
    doc = run_text("وقال كريم بنعمر، الباحث في جامعة محمد الخامس، إن النماذج تتحسن. وأكدت الدكتورة هالة زيتوني أن الأمر مهم.")
    people = ents(doc, "PERSON")
    assert ("كريم بنعمر", "PERSON") in people
    assert ("هالة زيتوني", "PERSON") in people


def test_common_words_after_a_cue_are_not_people(run_text):
    doc = run_text("وأضاف مصدر مطلع أن الصفقة تمت. وكشفت دراسة أميركية حديثة أن النتائج مهمة.")
    assert ents(doc, "PERSON") == []


def test_org_after_company_word(run_text):
    doc = run_text("استثمرت شركة Zentrix Labs في الشرق الأوسط، وقال مدير المبيعات في شركة سنابتك إن العمل مستمر.")
    orgs = [m.text for m in doc.mentions if m.type == "ORG"]
    assert "Zentrix Labs" in orgs
    assert "سنابتك" in orgs


def test_surname_alone_is_tagged_after_the_full_name(run_text):
    doc = run_text("قال كريم بنعمر، الباحث، إن النماذج تتحسن. وأضاف بنعمر أن التحدي كبير.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["كريم بنعمر", "بنعمر"]


def test_every_mention_is_a_slice_of_the_original(run_text):
    text = "قالَ سامُ ألتمانُ، الرئيسُ التنفيذيُّ لِشَرِكَةِ OpenAI، إنَّ نموذجَ GPT-5 «أفضلُ» — وفقًا لِرويترز."
    doc = run_text(text)
    assert doc.mentions
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text


def test_grammar_words_are_not_names(run_text):
    doc = run_text("وذكرت الشركة التي شهدت إخفاقا تجاريا أن المبيعات زادت. وقال العلماء إن النتائج مهمة. "
                   "على الشركات أن توضح لزبائنها أن المنتج آمن.")
    assert ents(doc, "PERSON") == []
